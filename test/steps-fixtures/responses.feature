# Fixture for test/steps-responses-cucumber.test.ts: the core response steps against a fake
# device whose answers are scripted, one scenario per outcome.
Feature: Response steps

  Scenario: spec answer
    When I send `AT#XSSOCKETOPT=0,1,13`
    Then the response is `OK`, or as erratum E6 says `ERROR`

  @erratum:E6
  Scenario: erratum answer
    When I send `AT#XSSOCKETOPT=1,1,13`
    Then the response is `OK`, or as erratum E6 says `ERROR`

  Scenario: erratum answer, scenario not tagged
    When I send `AT#XSSOCKETOPT=1,1,13`
    Then the response is `OK`, or as erratum E6 says `ERROR`

  Scenario: neither answer
    When I send `AT#XSOCKET=1,1,0`
    Then the response is `#XSOCKET: <h>,1,6`, or as erratum E24 says `ERROR`

  @erratum:E12
  Scenario: erratum answer in a docstring, with a placeholder
    When I send `AT#XSEND=0,0,0,"x"`
    Then the response is
      """
      ERROR
      or as erratum E12 says:
      #XSEND: <handle>,0
      ERROR
      """
    When I send `AT#XCLOSE=<handle>`

  Scenario: schema refuses a field
    When I send `AT#XSOCKET=1,3,0`
    Then the response is `#XSOCKET: <h>,<type>,0`
    And the response matches the schema

  Scenario: schema accepts
    When I send `AT#XSOCKET=1,2,0`
    Then the response is `#XSOCKET: <h>,2,17`
    And the response matches the schema
    And the device is still usable
