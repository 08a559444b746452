@smoke
Feature: Smoke test of the harness
  Proves that the whole chain runs: cucumber, the World, the device session (emulator,
  serial or tcp adapter), the AT runner, the known-state reset and the verdict.

  Scenario: The device answers AT with OK
    Given the device is ready
    When I send `AT`
    Then the response is `OK`

  Scenario: A socket handle is captured and reused
    Given the device is ready
    When I send `AT#XSOCKET=1,1,0`
    Then the response is `#XSOCKET: <handle>,1,6`
    When I send `AT#XCLOSE=<handle>`
    Then the response is `#XCLOSE: <handle>,0`

  Scenario: A response of several lines is checked line by line
    Given the device is ready
    When I send `AT#XSOCKET=1,2,0`
    Then the response is
      """
      #XSOCKET: <handle>,2,17
      OK
      """
