#!/usr/bin/env python3
"""Creates a pseudo-terminal and relays bytes between its master side and this process's
stdin/stdout. Node cannot open a PTY by itself, so `sm-conformance emulate --pty` runs this
helper: the first line on stdout is the device path, everything after it is raw data the
emulator sends; stdin carries what the serial program wrote. Standard library only.

When fd 3 is open (the emulator's control pipe), each line speed the serial program sets
(termios, e.g. ser2net applying an RFC 2217 SET-BAUDRATE) is written there as
`speed <baud>\n`, so a paced emulator runs its UART at that rate.
"""
import os
import select
import sys
import termios
import tty

CHUNK = 65536
BACKLOG_LIMIT = 1 << 20
SPEED_POLL_SECONDS = 0.2
CONTROL_FD = 3
BAUD_BY_CODE = {
    getattr(termios, name): int(name[1:])
    for name in dir(termios)
    if name.startswith("B") and name[1:].isdigit() and int(name[1:]) > 0
}


def control_pipe_open() -> bool:
    try:
        os.fstat(CONTROL_FD)
        return True
    except OSError:
        return False


def line_speed(fd: int):
    """The output speed the serial side set, in baud (None: not a standard rate)."""
    return BAUD_BY_CODE.get(termios.tcgetattr(fd)[5])


def main() -> int:
    master, slave = os.openpty()
    # Raw: no echo, no line editing, no CR/LF translation, so bytes pass exactly. A pty
    # ignores the baud rate, so a client may set any speed.
    tty.setraw(slave)
    report_speed = control_pipe_open()
    reported_speed = line_speed(slave)
    # The slave stays open here for the bridge's lifetime, so the master never sees a
    # hang-up while no serial program has the device open.
    os.write(1, (os.ttyname(slave) + "\n").encode())
    for fd in (0, 1, master):
        os.set_blocking(fd, False)
    to_device = bytearray()
    to_host = bytearray()
    stdin_open = True
    while stdin_open or to_device:
        readable = [master] if len(to_host) < BACKLOG_LIMIT else []
        if stdin_open and len(to_device) < BACKLOG_LIMIT:
            readable.append(0)
        writable = ([master] if to_device else []) + ([1] if to_host else [])
        ready_read, ready_write, _ = select.select(readable, writable, [], SPEED_POLL_SECONDS)
        if report_speed:
            speed = line_speed(slave)
            if speed is not None and speed != reported_speed:
                reported_speed = speed
                try:
                    os.write(CONTROL_FD, b"speed %d\n" % speed)
                except OSError:
                    report_speed = False
        if 0 in ready_read:
            data = os.read(0, CHUNK)
            if data:
                to_device += data
            else:
                stdin_open = False
        if master in ready_read:
            try:
                to_host += os.read(master, CHUNK)
            except OSError:
                pass
        if master in ready_write:
            written = os.write(master, to_device)
            del to_device[:written]
        if 1 in ready_write:
            try:
                written = os.write(1, to_host)
            except BrokenPipeError:
                return 0
            del to_host[:written]
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
