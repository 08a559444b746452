# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XRECVFROM @set @negative
Feature: UDP receive data #XRECVFROM: bad input is refused
  Syntax: AT#XRECVFROM=<handle>,<mode>,<flags>,<timeout>[,<data_len>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.
  Not tried outside its domain: <flags>; SM passes any int32 <flags> to the socket call unchanged (firmware-notes §4, E14).

  Rule: The set command allows you to receive data over UDP. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a UDP socket <handle> is open
      And I send `AT#XSENDTO=<handle>,0,0,"test.server.com",1234,"Test UDP"`
      And the response is `#XSENDTO: <handle>,8`
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XRECVFROM=<handle>,<mode>,<flags>,<timeout>[,<data_len>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XRECVFROM=<handle>,0,0,5`
      And the response is `#XRECVFROM: <handle>,0,8,"192.168.1.100",24210`

      Examples:
        | case                                        | line |
        | <handle> missing                            | AT#XRECVFROM= |
        | <handle> empty                              | AT#XRECVFROM=,0,0,1,10 |
        | <handle> as a string "<handle>"             | AT#XRECVFROM="<handle>",0,0,1,10 |
        | <handle> with a leading zero 0<handle>      | AT#XRECVFROM=0<handle>,0,0,1,10 |
        | <handle> -1, below its minimum 0            | AT#XRECVFROM=-1,0,0,1,10 |
        | <handle> 2147483647, a handle no socket has | AT#XRECVFROM=2147483647,0,0,1,10 |
        | <handle> of a closed socket                 | AT#XRECVFROM=<closed>,0,0,1,10 |
        | <mode> missing                              | AT#XRECVFROM=<handle> |
        | <mode> empty                                | AT#XRECVFROM=<handle>,,0,1,10 |
        | <mode> as a string "0"                      | AT#XRECVFROM=<handle>,"0",0,1,10 |
        | <mode> with a leading zero 00               | AT#XRECVFROM=<handle>,00,0,1,10 |
        | <mode> -1, below its values 0, 1            | AT#XRECVFROM=<handle>,-1,0,1,10 |
        | <mode> 2, above its values 0, 1             | AT#XRECVFROM=<handle>,2,0,1,10 |
        | <flags> missing                             | AT#XRECVFROM=<handle>,0 |
        | <flags> empty                               | AT#XRECVFROM=<handle>,0,,1,10 |
        | <flags> as a string "0"                     | AT#XRECVFROM=<handle>,0,"0",1,10 |
        | <flags> with a leading zero 00              | AT#XRECVFROM=<handle>,0,00,1,10 |
        | <timeout> missing                           | AT#XRECVFROM=<handle>,0,0 |
        | <timeout> empty                             | AT#XRECVFROM=<handle>,0,0,,10 |
        | <timeout> as a string "1"                   | AT#XRECVFROM=<handle>,0,0,"1",10 |
        | <timeout> with a leading zero 01            | AT#XRECVFROM=<handle>,0,0,01,10 |
        | <timeout> -1, below its minimum 0           | AT#XRECVFROM=<handle>,0,0,-1,10 |
        | <data_len> empty                            | AT#XRECVFROM=<handle>,0,0,1, |
        | <data_len> as a string "10"                 | AT#XRECVFROM=<handle>,0,0,1,"10" |
        | <data_len> with a leading zero 010          | AT#XRECVFROM=<handle>,0,0,1,010 |
        | <data_len> -1, below its minimum 0          | AT#XRECVFROM=<handle>,0,0,1,-1 |
        | <data_len> 2049, above its maximum 2048     | AT#XRECVFROM=<handle>,0,0,1,2049 |
