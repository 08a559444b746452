@XGETADDRINFO
Feature: Resolve hostname #XGETADDRINFO
  "The #XGETADDRINFO command allows you to resolve hostnames to IPv4 and IPv6 addresses."
  The default network map answers the spec's names as the examples show (google.com,
  ipv6.google.com) and test.server.com with the documentation addresses 192.168.1.100 and
  2001:db8::100; nothing is ever resolved off this machine.

  @set
  Rule: Set command: "The set command allows you to resolve hostnames to IPv4 and IPv6 addresses."

    @example:XGETADDRINFO-1
    Scenario: "If <address_family> is not specified, there will be no hint given for DNS query."
      When I send `AT#XGETADDRINFO="google.com"`
      Then the response is `#XGETADDRINFO: "142.251.42.142"`
      And the response matches the schema

    @example:XGETADDRINFO-2
    Scenario: "0 - Unspecified address family."
      When I send `AT#XGETADDRINFO="google.com",0`
      Then the response is `#XGETADDRINFO: "172.217.31.142"`
      And the response matches the schema

    @example:XGETADDRINFO-3
    Scenario: "1 - IPv4 address family."
      When I send `AT#XGETADDRINFO="google.com",1`
      Then the response is `#XGETADDRINFO: "142.251.42.142"`
      And the response matches the schema

    @example:XGETADDRINFO-4
    Scenario: "2 - IPv6 address family."
      When I send `AT#XGETADDRINFO="ipv6.google.com",2`
      Then the response is `#XGETADDRINFO: "2404:6800:4004:824::200e"`
      And the response matches the schema

    Scenario Outline: "<ip_addresses> … indicates the IPv4 or IPv6 address of the resolved hostname": <family_name> of a name with both
      When I send `AT#XGETADDRINFO="test.server.com",<family>`
      Then the response is `#XGETADDRINFO: "<address>"`
      And the response matches the schema

      Examples:
        | family_name   | family | address       |
        | IPv4 (hint 1) | 1      | 192.168.1.100 |
        | IPv6 (hint 2) | 2      | 2001:db8::100 |

    Scenario: An IP address needs no lookup and resolves to itself
      When I send `AT#XGETADDRINFO="192.168.0.1"`
      Then the response is `#XGETADDRINFO: "192.168.0.1"`
      And the response matches the schema

    @negative
    Scenario: A name that does not resolve prints the getaddrinfo error, then ERROR
      When I send `AT#XGETADDRINFO="unknown.invalid"`
      Then the response is
        """
        #XGETADDRINFO: "<error>"
        ERROR
        """
      And the response matches the schema
      And the device is still usable

    @negative
    Scenario: An IPv6-only name asked for with "1 - IPv4 address family." has no address: the error, then ERROR
      When I send `AT#XGETADDRINFO="ipv6.google.com",1`
      Then the response is
        """
        #XGETADDRINFO: "<error>"
        ERROR
        """
      And the response matches the schema
      And the device is still usable

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XGETADDRINFO?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XGETADDRINFO=?`
      Then the response is `ERROR`
      And the device is still usable
