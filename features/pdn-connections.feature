Feature: Sockets and the modem around them
  The sockets live on a modem: "The <cid> parameter is an integer indicating the used PDN
  connection. It represents cid in the +CGDCONT command." (#XSOCKET, #XSSOCKET). The modem can
  be switched to flight mode and back (AT+CFUN=4, AT+CFUN=1) and the chip rebooted
  (AT#XRESET, "OK" then "Ready"); what happens to the sockets then is the firmware's
  behaviour around the spec, checked here.

  Background:
    Given the device is ready

  Rule: <cid> names a PDN connection that +CGDCONT lists
    The firmware binds the socket to that PDN when it opens it, and refuses the socket when
    the modem cannot (it hands <cid> to the modem as a PDN ID: erratum E27).

    @XSOCKET @set
    Scenario: "<cid> … represents cid in the +CGDCONT command": the default PDN connection, cid 0, is listed and takes a socket
      When I send `AT+CGDCONT?`
      Then +CGDCONT lists a PDN connection with cid 0
      When I send `AT#XSOCKET=1,1,0,0`
      Then the response is `#XSOCKET: <tcp>,1,6`

    @XSOCKET @set
    Scenario: #XSOCKET with a <cid> that names no PDN connection is refused, and no socket stays open
      When I send `AT+CGDCONT?`
      Then +CGDCONT lists no PDN connection with cid 5
      When I send `AT#XSOCKET=1,1,0,5`
      Then the response is `ERROR`
      When I send `AT#XSOCKET?`
      Then the response is `OK`

    @XSSOCKET @set
    Scenario: #XSSOCKET with a <cid> that names no PDN connection is refused, and no socket stays open
      When I send `AT+CGDCONT?`
      Then +CGDCONT lists no PDN connection with cid 5
      When I send `AT#XSSOCKET=1,1,0,16842753,2,5`
      Then the response is `ERROR`
      When I send `AT#XSSOCKET?`
      Then the response is `OK`

  Rule: The sockets outlive flight mode; a reboot closes them all

    @XSOCKET @read
    Scenario: A socket stays open across AT+CFUN=4 and AT+CFUN=1 and closes normally
      Given a TCP socket <tcp> is open
      When I send `AT+CFUN=4`
      Then the response is `OK`
      When I send `AT#XSOCKET?`
      Then the response is `#XSOCKET: <tcp>,1,0,1,0`
      When I send `AT+CFUN=1`
      Then the response is `OK`
      When I send `AT#XCLOSE=<tcp>`
      Then the response is `#XCLOSE: <tcp>,0`

    @XSOCKET @read
    Scenario: AT#XRESET answers OK, the device says Ready after its reboot, and no socket is open any more
      Given a TCP socket <tcp> is open
      And a UDP socket <udp> is open
      When I send `AT#XRESET`
      Then the response is `OK`
      And within 5 seconds the URC `Ready` arrives
      When I send `AT#XSOCKET?`
      Then the response is `OK`
