# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XRECV @set @negative
Feature: Receive data #XRECV: bad input is refused
  Syntax: AT#XRECV=<handle>,<mode>,<flags>,<timeout>[,<data_len>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.
  Not tried outside its domain: <flags>; SM passes any int32 <flags> to the socket call unchanged (firmware-notes §4, E14).
  Not tried: <flags> missing; the spec's #XAPOLL example sends `AT#XRECV=1,1`, two arguments (older syntax, E16; features/14-xapoll.feature).

  Rule: The set command allows you to receive data over the connection. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      And I send `AT#XSEND=<handle>,0,0,"Test TCP"`
      And the response is `#XSEND: <handle>,8`
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XRECV=<handle>,<mode>,<flags>,<timeout>[,<data_len>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XRECV=<handle>,0,0,5`
      And the response is `#XRECV: <handle>,0,8`

      Examples:
        | case                                        | line |
        | <handle> missing                            | AT#XRECV= |
        | <handle> empty                              | AT#XRECV=,0,0,1,10 |
        | <handle> as a string "<handle>"             | AT#XRECV="<handle>",0,0,1,10 |
        | <handle> with a leading zero 0<handle>      | AT#XRECV=0<handle>,0,0,1,10 |
        | <handle> -1, below its minimum 0            | AT#XRECV=-1,0,0,1,10 |
        | <handle> 2147483647, a handle no socket has | AT#XRECV=2147483647,0,0,1,10 |
        | <handle> of a closed socket                 | AT#XRECV=<closed>,0,0,1,10 |
        | <mode> missing                              | AT#XRECV=<handle> |
        | <mode> empty                                | AT#XRECV=<handle>,,0,1,10 |
        | <mode> as a string "0"                      | AT#XRECV=<handle>,"0",0,1,10 |
        | <mode> with a leading zero 00               | AT#XRECV=<handle>,00,0,1,10 |
        | <mode> -1, below its values 0, 1            | AT#XRECV=<handle>,-1,0,1,10 |
        | <mode> 2, above its values 0, 1             | AT#XRECV=<handle>,2,0,1,10 |
        | <flags> empty                               | AT#XRECV=<handle>,0,,1,10 |
        | <flags> as a string "0"                     | AT#XRECV=<handle>,0,"0",1,10 |
        | <flags> with a leading zero 00              | AT#XRECV=<handle>,0,00,1,10 |
        | <timeout> missing                           | AT#XRECV=<handle>,0,0 |
        | <timeout> empty                             | AT#XRECV=<handle>,0,0,,10 |
        | <timeout> as a string "1"                   | AT#XRECV=<handle>,0,0,"1",10 |
        | <timeout> with a leading zero 01            | AT#XRECV=<handle>,0,0,01,10 |
        | <timeout> -1, below its minimum 0           | AT#XRECV=<handle>,0,0,-1,10 |
        | <data_len> empty                            | AT#XRECV=<handle>,0,0,1, |
        | <data_len> as a string "10"                 | AT#XRECV=<handle>,0,0,1,"10" |
        | <data_len> with a leading zero 010          | AT#XRECV=<handle>,0,0,1,010 |
        | <data_len> -1, below its minimum 0          | AT#XRECV=<handle>,0,0,1,-1 |
        | <data_len> 2049, above its maximum 2048     | AT#XRECV=<handle>,0,0,1,2049 |
