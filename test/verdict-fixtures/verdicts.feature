# Fixture for test/verdict-cucumber.test.ts: one scenario per verdict, run through the real
# support code (World, hooks, skipped-verdict wrapper) against a fake device.
Feature: Verdicts in cucumber

  Scenario: passes
    Given the device is ready
    When I send `AT`
    Then the response is `OK`

  Scenario: environment fails
    Given the device is ready
    When the echo peer is unreachable
    Then the response is `OK`

  @requires:dtls
  Scenario: capability absent
    Given the device is ready
    When I send `AT`

  @erratum:E1
  Scenario: tagged erratum
    When the device shows erratum E1
    And I send `AT`
    Then the response is `OK`

  Scenario: untagged erratum
    When the device shows erratum E1

  Scenario: device deviates
    When I send `AT+NOPE`
    Then the response is `OK`
