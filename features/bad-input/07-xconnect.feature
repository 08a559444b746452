# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XCONNECT @set @negative
Feature: Connection #XCONNECT: bad input is refused
  Syntax: AT#XCONNECT=<handle>,<url>,<port>
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to connect to a TCP or UDP server. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP socket <handle> is open
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XCONNECT=<handle>,<url>,<port> refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`

      Examples:
        | case                                                  | line |
        | <handle> missing                                      | AT#XCONNECT= |
        | <handle> empty                                        | AT#XCONNECT=,"test.server.com",1234 |
        | <handle> as a string "<handle>"                       | AT#XCONNECT="<handle>","test.server.com",1234 |
        | <handle> with a leading zero 0<handle>                | AT#XCONNECT=0<handle>,"test.server.com",1234 |
        | <handle> -1, below its minimum 0                      | AT#XCONNECT=-1,"test.server.com",1234 |
        | <handle> 2147483647, a handle no socket has           | AT#XCONNECT=2147483647,"test.server.com",1234 |
        | <handle> of a closed socket                           | AT#XCONNECT=<closed>,"test.server.com",1234 |
        | <url> missing                                         | AT#XCONNECT=<handle> |
        | <url> empty                                           | AT#XCONNECT=<handle>,,1234 |
        | <url> as the integer -1                               | AT#XCONNECT=<handle>,-1,1234 |
        | <url> of 129 characters, over the 128 the spec allows | AT#XCONNECT=<handle>,"abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghi.abcdefghz",1234 |
        | <port> missing                                        | AT#XCONNECT=<handle>,"test.server.com" |
        | <port> empty                                          | AT#XCONNECT=<handle>,"test.server.com", |
        | <port> as a string "1234"                             | AT#XCONNECT=<handle>,"test.server.com","1234" |
        | <port> with a leading zero 01234                      | AT#XCONNECT=<handle>,"test.server.com",01234 |
        | <port> -1, below its minimum 0                        | AT#XCONNECT=<handle>,"test.server.com",-1 |
        | <port> 65536, above its maximum 65535                 | AT#XCONNECT=<handle>,"test.server.com",65536 |
