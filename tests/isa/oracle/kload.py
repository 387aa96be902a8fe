#!/usr/bin/env python3
"""Loads raw BPF instructions into the running kernel (load only, never attach) and returns the
verifier log. Used to record the kernel's own text for tests/isa; the tests themselves never need
root. Needs root and a kernel with BPF_PROG_LOAD."""

import ctypes
import os
import struct

_libc = ctypes.CDLL(None, use_errno=True)
_NR_BPF = 321  # x86_64
BPF_MAP_CREATE, BPF_PROG_LOAD = 0, 5


def _bpf(cmd, attr: bytearray):
    buf = (ctypes.c_char * len(attr)).from_buffer(attr)
    ret = _libc.syscall(_NR_BPF, cmd, buf, len(attr))
    return ret, ctypes.get_errno() if ret < 0 else 0


def insn(code, dst=0, src=0, off=0, imm=0):
    return struct.pack("<BBhI", code & 0xFF, (dst & 0xF) | ((src & 0xF) << 4), off, imm & 0xFFFFFFFF)


def map_create(map_type=2, key_size=4, value_size=8, max_entries=1, flags=0):
    attr = bytearray(128)
    struct.pack_into("<IIIII", attr, 0, map_type, key_size, value_size, max_entries, flags)
    fd, err = _bpf(BPF_MAP_CREATE, attr)
    if fd < 0:
        raise OSError(err, os.strerror(err))
    return fd


def prog_load(code: bytes, prog_type=1, log_level=2, expected_attach_type=0, fd_array=None,
              log_size=1 << 20, prog_flags=0):
    """Returns (fd_or_minus1, errno, log_text); closes the program fd."""
    insns = ctypes.create_string_buffer(code, len(code))
    lic = ctypes.create_string_buffer(b"GPL")
    log = ctypes.create_string_buffer(log_size)
    attr = bytearray(256)
    struct.pack_into("<IIQQIIQII", attr, 0, prog_type, len(code) // 8,
                     ctypes.addressof(insns), ctypes.addressof(lic), log_level, log_size,
                     ctypes.addressof(log), 0, prog_flags)
    struct.pack_into("<I", attr, 68, expected_attach_type)
    fds = None
    if fd_array is not None:
        fds = (ctypes.c_int * len(fd_array))(*fd_array)
        struct.pack_into("<Q", attr, 120, ctypes.addressof(fds))
    fd, err = _bpf(BPF_PROG_LOAD, attr)
    if fd >= 0:
        os.close(fd)
    return fd, err, log.value.decode(errors="replace")


if __name__ == "__main__":
    import sys
    # Usage: kload.py HEX [prog_type]  (HEX: the program bytes, 16 hex digits per instruction)
    data = bytes.fromhex(sys.argv[1])
    fd, err, text = prog_load(data, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print(text)
    print("result:", "ok" if fd >= 0 else f"errno {err} ({os.strerror(err)})")
