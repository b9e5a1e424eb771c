#!/usr/bin/env python3
"""Writes a bitcode file as a newer LLVM could: an identification block with
producer "LLVM99.0.0", then a module block of a format version LLVM 22 does
not know (3).  With --epoch, the identification block also carries bitcode
epoch 1 (LLVM 22 reads epoch 0).  Usage: future-bitcode.py [--epoch] OUT"""
import sys


class BitWriter:
    def __init__(self):
        self.words = []
        self.cur = 0
        self.nbits = 0

    def emit(self, value, width):
        for i in range(width):
            if (value >> i) & 1:
                self.cur |= 1 << self.nbits
            self.nbits += 1
            if self.nbits == 32:
                self.words.append(self.cur)
                self.cur, self.nbits = 0, 0

    def vbr(self, value, width):
        hi = 1 << (width - 1)
        while value >= hi:
            self.emit((value & (hi - 1)) | hi, width)
            value >>= width - 1
        self.emit(value, width)

    def align32(self):
        if self.nbits:
            self.emit(0, 32 - self.nbits)

    def block(self, block_id, outer_width, records, width=3):
        """ENTER_SUBBLOCK, unabbreviated records, END_BLOCK."""
        self.emit(1, outer_width)
        self.vbr(block_id, 8)
        self.vbr(width, 4)
        self.align32()
        length_at = len(self.words)
        self.words.append(0)  # Block length in words, patched below.
        for code, ops in records:
            self.emit(3, width)  # UNABBREV_RECORD
            self.vbr(code, 6)
            self.vbr(len(ops), 6)
            for op in ops:
                self.vbr(op, 6)
        self.emit(0, width)  # END_BLOCK
        self.align32()
        self.words[length_at] = len(self.words) - length_at - 1

    def bytes(self):
        return b"".join(w.to_bytes(4, "little") for w in self.words)


epoch = 1 if sys.argv[1] == "--epoch" else 0
w = BitWriter()
IDENTIFICATION_BLOCK, MODULE_BLOCK = 13, 8
w.block(IDENTIFICATION_BLOCK, 2, [(1, list(b"LLVM99.0.0")), (2, [epoch])])
w.block(MODULE_BLOCK, 2, [(1, [3])])  # MODULE_CODE_VERSION 3
with open(sys.argv[-1], "wb") as f:
    f.write(b"BC\xc0\xde" + w.bytes())
