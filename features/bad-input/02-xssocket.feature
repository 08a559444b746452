# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XSSOCKET @set @negative
Feature: Secure socket #XSSOCKET: bad input is refused
  Syntax: AT#XSSOCKET=<op>,<type>,<role>,<sec_tag>[,<peer_verify>[,<cid>]]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.
  Not tried outside its domain: <sec_tag>; SM hands any int32 to the modem, which checks it against stored credentials only at the handshake (firmware-notes §4).

  Rule: The set command allows you to open a secure socket. A value outside the syntax or a domain gets ERROR.

    Scenario Outline: AT#XSSOCKET=<op>,<type>,<role>,<sec_tag>[,<peer_verify>[,<cid>]] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XSSOCKET=1,1,0,16842753,2`
      And the response is `#XSSOCKET: <opened>,1,258`

      Examples:
        | case                                       | line |
        | <op> missing                               | AT#XSSOCKET= |
        | <op> empty                                 | AT#XSSOCKET=,1,0,16842753,2 |
        | <op> as a string "1"                       | AT#XSSOCKET="1",1,0,16842753,2 |
        | <op> with a leading zero 01                | AT#XSSOCKET=01,1,0,16842753,2 |
        | <op> 0, below its values 1, 2              | AT#XSSOCKET=0,1,0,16842753,2 |
        | <op> 3, above its values 1, 2              | AT#XSSOCKET=3,1,0,16842753,2 |
        | <type> missing                             | AT#XSSOCKET=1 |
        | <type> empty                               | AT#XSSOCKET=1,,0,16842753,2 |
        | <type> as a string "1"                     | AT#XSSOCKET=1,"1",0,16842753,2 |
        | <type> with a leading zero 01              | AT#XSSOCKET=1,01,0,16842753,2 |
        | <type> 0, below its values 1, 2            | AT#XSSOCKET=1,0,0,16842753,2 |
        | <type> 3, above its values 1, 2            | AT#XSSOCKET=1,3,0,16842753,2 |
        | <role> missing                             | AT#XSSOCKET=1,1 |
        | <role> empty                               | AT#XSSOCKET=1,1,,16842753,2 |
        | <role> as a string "0"                     | AT#XSSOCKET=1,1,"0",16842753,2 |
        | <role> with a leading zero 00              | AT#XSSOCKET=1,1,00,16842753,2 |
        | <role> -1, below its values 0, 1           | AT#XSSOCKET=1,1,-1,16842753,2 |
        | <role> 2, above its values 0, 1            | AT#XSSOCKET=1,1,2,16842753,2 |
        | <sec_tag> missing                          | AT#XSSOCKET=1,1,0 |
        | <sec_tag> empty                            | AT#XSSOCKET=1,1,0,,2 |
        | <sec_tag> as a string "16842753"           | AT#XSSOCKET=1,1,0,"16842753",2 |
        | <sec_tag> with a leading zero 016842753    | AT#XSSOCKET=1,1,0,016842753,2 |
        | <peer_verify> empty                        | AT#XSSOCKET=1,1,0,16842753, |
        | <peer_verify> as a string "2"              | AT#XSSOCKET=1,1,0,16842753,"2" |
        | <peer_verify> with a leading zero 02       | AT#XSSOCKET=1,1,0,16842753,02 |
        | <peer_verify> -1, below its values 0, 1, 2 | AT#XSSOCKET=1,1,0,16842753,-1 |
        | <peer_verify> 3, above its values 0, 1, 2  | AT#XSSOCKET=1,1,0,16842753,3 |
        | <cid> empty                                | AT#XSSOCKET=1,1,0,16842753,2, |
        | <cid> as a string "0"                      | AT#XSSOCKET=1,1,0,16842753,2,"0" |
        | <cid> with a leading zero 00               | AT#XSSOCKET=1,1,0,16842753,2,00 |
        | <cid> -1, below its minimum 0              | AT#XSSOCKET=1,1,0,16842753,2,-1 |
        | <cid> 11, above its maximum 10             | AT#XSSOCKET=1,1,0,16842753,2,11 |
