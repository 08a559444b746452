@XSSOCKET @set
Feature: Secure round trips over TLS and DTLS
  "The #XSSOCKET command allows you to open a secure socket"; the data then goes through the
  same #XCONNECT, #XSEND and #XRECV as on a plain socket, encrypted on the way.

  test.server.com:8443 is a TLS echo peer over TCP and a DTLS echo peer over UDP. The spec's
  sec_tag 16842753 holds the CA that signed their certificates; what each peer received is
  checked after decryption, byte for byte.

  @XCONNECT @XSEND @XRECV @example:XSSOCKET-1
  Scenario: A TLS client with "2 - Required" peer verification sends and receives over the encrypted connection
    Given a socket <tls> is opened with `AT#XSSOCKET=1,1,0,16842753,2`
    When I send `AT#XCONNECT=<tls>,"test.server.com",8443`
    Then the response is `#XCONNECT: <tls>,1`
    When I send `AT#XSEND=<tls>,0,0,"Test TLS"`
    Then the response is `#XSEND: <tls>,8`
    And the TLS peer received `Test TLS`
    When I send `AT#XRECV=<tls>,0,0,5`
    Then the response is `#XRECV: <tls>,0,8`
    And the received data is `Test TLS`

  @XCONNECT @XSEND @XRECV
  Scenario: TLS carries binary data, CR LF "OK" CR LF included, both ways
    Given a TLS socket <tls> is open
    And I send `AT#XCONNECT=<tls>,"test.server.com",8443`
    And the response is `#XCONNECT: <tls>,1`
    When I send `AT#XSEND=<tls>,1,0,"0D0A4F4B0D0A00FF"`
    Then the response is `#XSEND: <tls>,8`
    And the TLS peer received hex `0D0A4F4B0D0A00FF`
    When I send `AT#XRECV=<tls>,0,0,5`
    Then the response is `#XRECV: <tls>,0,8`
    And the received data in hex is `0D0A4F4B0D0A00FF`

  @XCONNECT @XSEND @XRECV
  Scenario: An IPv6 TLS client reaches the same server over IPv6
    Given an IPv6 TLS socket <tls> is open
    And I send `AT#XCONNECT=<tls>,"test.server.com",8443`
    And the response is `#XCONNECT: <tls>,1`
    When I send `AT#XSEND=<tls>,0,0,"Test TLS"`
    Then the response is `#XSEND: <tls>,8`
    And the TLS peer received `Test TLS`
    When I send `AT#XRECV=<tls>,0,0,5`
    Then the response is `#XRECV: <tls>,0,8`
    And the received data is `Test TLS`

  @XSSOCKETOPT @XCONNECT @XSEND
  Scenario: "TLS_HOSTNAME": with the server's name set, the certificate's name is checked and the connection is made
    Given a TLS socket <tls> is open
    And I send `AT#XSSOCKETOPT=<tls>,1,2,"test.server.com"`
    And the response is `OK`
    When I send `AT#XCONNECT=<tls>,"test.server.com",8443`
    Then the response is `#XCONNECT: <tls>,1`
    When I send `AT#XSEND=<tls>,0,0,"Test TLS"`
    Then the response is `#XSEND: <tls>,8`
    And the TLS peer received `Test TLS`

  @XSSOCKETOPT @XCONNECT
  Scenario: "TLS_HOSTNAME": a name the server's certificate does not carry fails the connection with ERROR
    Given a TLS socket <tls> is open
    And I send `AT#XSSOCKETOPT=<tls>,1,2,"other.example.com"`
    And the response is `OK`
    When I send `AT#XCONNECT=<tls>,"test.server.com",8443`
    Then the response is `ERROR`
    And the device is still usable

  @XCONNECT
  Scenario: A sec_tag without the server's CA cannot verify it: the connection fails with ERROR
    Given a socket <tls> is opened with `AT#XSSOCKET=1,1,0,42,2`
    When I send `AT#XCONNECT=<tls>,"test.server.com",8443`
    Then the response is `ERROR`
    And the device is still usable

  @XCONNECT @XSEND @XRECV @example:XSSOCKET-2
  Scenario: A DTLS client sends and receives datagrams over the encrypted association
    Given a socket <dtls> is opened with `AT#XSSOCKET=1,2,0,16842753`
    When I send `AT#XCONNECT=<dtls>,"test.server.com",8443`
    Then the response is `#XCONNECT: <dtls>,1`
    When I send `AT#XSEND=<dtls>,0,0,"Test DTLS"`
    Then the response is `#XSEND: <dtls>,9`
    And the DTLS peer received `Test DTLS`
    When I send `AT#XSEND=<dtls>,1,0,"0D0A4F4B0D0A"`
    Then the response is `#XSEND: <dtls>,6`
    And the DTLS peer received hex `0D0A4F4B0D0A`
    When I send `AT#XRECV=<dtls>,0,0,5`
    Then the response is `#XRECV: <dtls>,0,9`
    And the received data is `Test DTLS`
    When I send `AT#XRECV=<dtls>,0,0,5`
    Then the response is `#XRECV: <dtls>,0,6`
    And the received data in hex is `0D0A4F4B0D0A`

  @XSEND
  Scenario: A TLS client in data mode: everything written until the terminator reaches the server encrypted
    Given a TLS socket <tls> is open
    And I send `AT#XCONNECT=<tls>,"test.server.com",8443`
    And the response is `#XCONNECT: <tls>,1`
    When I send `AT#XSEND=<tls>,2,0`
    Then the response is `OK`
    When I write `Test datamode over TLS` in data mode
    And I leave data mode with `+++`
    Then within 5 seconds the URC `#XDATAMODE: 0` arrives
    And the TLS peer received `Test datamode over TLS`
