#!/usr/bin/python3
"""A host program written for SM as a developer would write one, used by the tests to show
that the served emulator takes what real host software sends: the smoke sequence of
Nordic's SM testing page (AT, the version, a reset awaiting Ready, +CGEV subscription,
AT+CFUN=1 awaiting the PDN, a TCP socket to a web server, a HEAD request with #XSEND,
the answer with #XRECV, #XCLOSE). Standard library only.

usage: smoke.py <serial-device> <web-server-name>
Prints each step; exits 0 when the server answered HTTP/1.1 200 OK, 1 otherwise."""

import os
import re
import select
import sys
import termios
import time
import tty

device, server = sys.argv[1], sys.argv[2]
fd = os.open(device, os.O_RDWR | os.O_NOCTTY)
tty.setraw(fd)
termios.tcflush(fd, termios.TCIOFLUSH)
received = b""


def read_until(pattern, timeout=10.0):
    """Reads until `pattern` (a regex over bytes) matches; returns the bytes up to its end."""
    global received
    deadline = time.monotonic() + timeout
    while True:
        match = re.search(pattern, received, re.S)
        if match:
            taken, received = received[: match.end()], received[match.end():]
            return taken
        left = deadline - time.monotonic()
        if left <= 0:
            sys.exit(f"timed out waiting for {pattern!r}; got {received!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            received += os.read(fd, 4096)


def command(line, timeout=10.0):
    """Sends a command line (CR-terminated) and returns its answer through the final code."""
    os.write(fd, line.encode("latin1") + b"\r")
    answer = read_until(rb"\r\n(OK|ERROR|\+CME ERROR: \d+)\r\n", timeout)
    print(f"> {line}\n{answer.decode('latin1').strip()}")
    if not answer.endswith(b"\r\nOK\r\n"):
        sys.exit(f"{line} failed")
    return answer


command("AT")
command("AT#XSMVER")
command("AT#XRESET")
read_until(rb"Ready\r\n", 10)
print("Ready")
command("AT+CGEREP=1")
command("AT+CFUN=1")
print(read_until(rb"\+CGEV: ME PDN ACT[^\r]*\r\n", 60).decode("latin1").strip())
handle = re.search(rb"#XSOCKET: (\d+),", command("AT#XSOCKET=1,1,0")).group(1).decode()
command(f'AT#XCONNECT={handle},"{server}",80', 30)
command(f'AT#XSEND={handle},0,0,"HEAD / HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n"')
os.write(fd, f"AT#XRECV={handle},0,0,10\r".encode())
header = read_until(rb"#XRECV: \d+,0,(\d+)\r\n", 15)
size = int(re.search(rb"#XRECV: \d+,0,(\d+)\r\n", header).group(1))
# The payload is raw, exactly <size> bytes, and may hold anything: count, never scan.
payload = read_until(rb"\A.{%d}" % size, 10)
read_until(rb"\r\nOK\r\n", 10)
print(payload.decode("latin1").splitlines()[0])
command(f"AT#XCLOSE={handle}")
os.close(fd)
sys.exit(0 if payload.startswith(b"HTTP/1.1 200 OK") else 1)
