# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XGETADDRINFO @set @negative
Feature: Resolve hostname #XGETADDRINFO: bad input is refused
  Syntax: AT#XGETADDRINFO=<hostname>[,<address_family>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to resolve hostnames to IPv4 and IPv6 addresses. A value outside the syntax or a domain gets ERROR.

    Scenario Outline: AT#XGETADDRINFO=<hostname>[,<address_family>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XGETADDRINFO="google.com",1`
      And the response is `#XGETADDRINFO: "142.251.42.142"`

      Examples:
        | case                                          | line |
        | <hostname> missing                            | AT#XGETADDRINFO= |
        | <hostname> empty                              | AT#XGETADDRINFO=,1 |
        | <hostname> as the integer -1                  | AT#XGETADDRINFO=-1,1 |
        | <address_family> empty                        | AT#XGETADDRINFO="google.com", |
        | <address_family> as a string "1"              | AT#XGETADDRINFO="google.com","1" |
        | <address_family> with a leading zero 01       | AT#XGETADDRINFO="google.com",01 |
        | <address_family> -1, below its values 0, 1, 2 | AT#XGETADDRINFO="google.com",-1 |
        | <address_family> 3, above its values 0, 1, 2  | AT#XGETADDRINFO="google.com",3 |
