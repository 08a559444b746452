@XSEND @set
Feature: Data mode: #XSEND and #XSENDTO with "2 - Data mode"
  "2 - Data mode. SM enters sm_data_mode for data input." Once the command answered OK, every
  byte written is data for the socket, until the terminator `+++`; the device then leaves data
  mode with `#XDATAMODE: 0` (erratum E9: the spec's example leaves that line out) and takes
  commands again. What the peer received is checked byte for byte.

  @erratum:E9
  Scenario: Data mode sends everything written, in several writes, and ends with #XDATAMODE: 0
    Given a TCP socket <tcp> is open
    And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
    And the response is `#XCONNECT: <tcp>,1`
    When I send `AT#XSEND=<tcp>,2,0`
    Then the response is `OK`
    When I write `Test ` in data mode
    And I write `data, mode` in data mode
    And I leave data mode with `+++`
    Then within 5 seconds the URC `#XDATAMODE: 0` arrives
    And the TCP peer received `Test data, mode`
    When I send `AT#XSEND=<tcp>,0,0,"Test TCP"`
    Then the response is `#XSEND: <tcp>,8`
    And the TCP peer received `Test TCP`

  @erratum:E9
  Scenario: In data mode an AT command is data, not a command
    Given a TCP socket <tcp> is open
    And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
    And the response is `#XCONNECT: <tcp>,1`
    When I send `AT#XSEND=<tcp>,2,0`
    Then the response is `OK`
    When I write hex `41540D` in data mode
    And I leave data mode with `+++`
    Then within 5 seconds the URC `#XDATAMODE: 0` arrives
    And the TCP peer received hex `41540D`
    And the device is still usable

  @erratum:E9
  Scenario: Binary data in data mode, CR LF "OK" CR LF and NUL included, reaches the peer unchanged
    Given a TCP socket <tcp> is open
    And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
    And the response is `#XCONNECT: <tcp>,1`
    When I send `AT#XSEND=<tcp>,2,0`
    Then the response is `OK`
    When I write hex `0D0A4F4B0D0A00FF` in data mode
    And I leave data mode with `+++`
    Then within 5 seconds the URC `#XDATAMODE: 0` arrives
    And the TCP peer received hex `0D0A4F4B0D0A00FF`
    When I send `AT#XRECV=<tcp>,0,0,5`
    Then the response is `#XRECV: <tcp>,0,8`
    And the received data in hex is `0D0A4F4B0D0A00FF`

  @XSENDTO @erratum:E9
  Scenario: "#XSENDTO … 2 - Data mode": the data goes as a datagram to the <url> and <port> of the command
    Given a UDP socket <udp> is open
    When I send `AT#XSENDTO=<udp>,2,0,"test.server.com",1234`
    Then the response is `OK`
    When I write `Test UDP` in data mode
    And I leave data mode with `+++`
    Then within 5 seconds the URC `#XDATAMODE: 0` arrives
    And the UDP peer received `Test UDP`
    When I send `AT#XRECVFROM=<udp>,0,0,5`
    Then the response is `#XRECVFROM: <udp>,0,8,"192.168.1.100",24210`
    And the received data is `Test UDP`

  @erratum:E9
  Scenario: A connected UDP socket in data mode sends a datagram to its server
    Given a UDP socket <udp> is open
    And I send `AT#XCONNECT=<udp>,"test.server.com",1234`
    And the response is `#XCONNECT: <udp>,1`
    When I send `AT#XSEND=<udp>,2,0`
    Then the response is `OK`
    When I write `Test UDP` in data mode
    And I leave data mode with `+++`
    Then within 5 seconds the URC `#XDATAMODE: 0` arrives
    And the UDP peer received `Test UDP`
