# Fixture for test/report-generate.test.ts: a small tagged subset run through the real
# support code against a fake device, one scenario per verdict, a device that answers
# with markup, and a credential write whose key must not reach any report.
@XSOCKET
Feature: Report fixture

  @set @example:XSOCKET-1
  Scenario: Open a TCP socket
    Given the device is ready
    And a TCP socket <tcp> is open

  @read @example:XSOCKET-5
  Scenario: A device answering with markup
    When I send `AT#XSOCKET?`
    Then the response is `#XSOCKET: 0,1,0,1,0`

  @set @erratum:E1
  Scenario Outline: A tagged erratum
    When the device shows erratum <erratum>
    And I send `AT`

    Examples:
      | erratum |
      | E1      |

  @test
  Scenario: The environment fails
    When the echo peer is unreachable

  @test @requires:dtls
  Scenario: A capability is absent
    When I send `AT`

  @set
  Scenario: Credentials are written
    When I send `AT%CMNG=0,16842753,3,"00112233445566778899AABBCCDDEEFF"`
    Then the response is `OK`
