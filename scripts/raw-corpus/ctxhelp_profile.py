"""The ctx-helpers profile of gen-raw-corpus (corpus-ctxhelp-v1): program-type contexts and
helper calls.

Where the other profiles stay inside socket filters and map values, this one asks what each
program type's context and helper set allow. A program picks a program type (and, where the
kernel needs one, an expected attach type), saves ctx in r6, initialises 0-64 bytes at the top
of the stack, then runs 2-6 shapes:

  ctx load    a field of the type's context at its natural size, a narrow load of a wider field,
              or a random offset/size (unaligned, past the end, negative); the loaded value is
              used: packet pointers compared with data_end (or not) and dereferenced, socket
              and flow-key pointers null-checked (or not) and dereferenced, scalars copied
  ctx store   STX or ST of 1/2/4/8 bytes into writable or read-only fields or random offsets
  helper      a helper id of the type's family, of another family or random (0-215), with its
              argument registers set up in plausible shapes (ctx, maps of the corpus, stack
              pointers to initialised or uninitialised memory with matching or wrong sizes,
              NULL, constants, packet pointers) and, in a share of the arguments, a random
              shape instead; then R0 is used as the return kind says (null check and access,
              release or submit of references, passed to another helper, or not at all)

and exits with a constant, a loaded scalar, a helper result, ctx or nothing in r0 (the types
with a return range check those). The generator plans nothing: the kernel's answer is the
verdict. Its only model is which registers hold what, so that the shapes stay plausible.

Everything here is random.Random-driven from the rng gen-raw-corpus passes in.
"""

# --- encoding (the same constants as gen-raw-corpus; repeated so this file stands alone) -------
LD, LDX, ST, STX, ALU, JMP, JMP32, ALU64 = 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07
SZ = {4: 0x00, 2: 0x08, 1: 0x10, 8: 0x18}
IMM, ABS, IND, MEM, MEMSX, ATOMIC = 0x00, 0x20, 0x40, 0x60, 0x80, 0xc0
K, X = 0x00, 0x08
ADD, OR, AND, XOR, MOV = 0x00, 0x40, 0x50, 0xa0, 0xb0
FETCH = 0x01
JA, JEQ, JGT, JGE, JNE, CALL, EXIT, JLT, JLE = 0x00, 0x10, 0x20, 0x30, 0x50, 0x80, 0x90, 0xa0, 0xb0
PSEUDO_MAP_IDX = 5

# --- program types, attach types and context layouts ------------------------------------------
# A context is (size, fields); a field is (offset, size, kind, writable) with kind one of
# "scalar", "data", "data_end", "data_meta", "sk", "flow_keys", "optval", "optval_end".
SKB_FIELDS = [
    (0, 4, "scalar", False), (4, 4, "scalar", False), (8, 4, "scalar", True),
    (12, 4, "scalar", True), (16, 4, "scalar", False), (20, 4, "scalar", False),
    (24, 4, "scalar", False), (28, 4, "scalar", False), (32, 4, "scalar", True),
    (36, 4, "scalar", False), (40, 4, "scalar", False), (44, 4, "scalar", True),
    (48, 4, "scalar", True), (52, 4, "scalar", True), (56, 4, "scalar", True),
    (60, 4, "scalar", True), (64, 4, "scalar", True), (68, 4, "scalar", False),
    (72, 4, "scalar", True), (76, 4, "data", False), (80, 4, "data_end", False),
    (84, 4, "scalar", False), (88, 4, "scalar", False), (92, 4, "scalar", False),
    (96, 4, "scalar", False), (100, 4, "scalar", False), (116, 4, "scalar", False),
    (132, 4, "scalar", False), (136, 4, "scalar", False), (140, 4, "data_meta", False),
    (144, 8, "flow_keys", False), (152, 8, "scalar", True), (160, 4, "scalar", False),
    (164, 4, "scalar", False), (168, 8, "sk", False), (176, 4, "scalar", False),
    (180, 1, "scalar", False), (184, 8, "scalar", False),
]
SKB = (192, SKB_FIELDS)
XDP = (24, [(0, 4, "data", False), (4, 4, "data_end", False), (8, 4, "data_meta", False),
            (12, 4, "scalar", False), (16, 4, "scalar", False), (20, 4, "scalar", False)])
PT_REGS = (168, [(8 * i, 8, "scalar", False) for i in range(21)])
# the first 8 bytes (the common fields) are not readable: tp_prog_is_valid_access()
TRACEPOINT = (64, [(8 * i, 8, "scalar", False) for i in range(1, 8)] + [(12, 4, "scalar", False)])
PERF_EVENT = (184, [(8 * i, 8, "scalar", False) for i in range(23)])
RAW_TP = (96, [(8 * i, 8, "scalar", False) for i in range(12)])
BPF_SOCK = (80, [(0, 4, "scalar", True), (4, 4, "scalar", False), (8, 4, "scalar", False),
                 (12, 4, "scalar", False), (16, 4, "scalar", True), (20, 4, "scalar", True),
                 (24, 4, "scalar", False), (28, 4, "scalar", False), (44, 4, "scalar", False),
                 (48, 4, "scalar", False), (52, 4, "scalar", False), (56, 4, "scalar", False),
                 (72, 4, "scalar", False), (76, 4, "scalar", False)])
SOCK_ADDR = (72, [(0, 4, "scalar", False), (4, 4, "scalar", True), (8, 4, "scalar", True),
                  (20, 4, "scalar", True), (24, 4, "scalar", True), (28, 4, "scalar", False),
                  (32, 4, "scalar", False), (36, 4, "scalar", False), (40, 4, "scalar", True),
                  (44, 4, "scalar", True), (64, 8, "sk", False)])
SOCK_OPS = (224, [(0, 4, "scalar", False), (4, 4, "scalar", True), (8, 4, "scalar", True),
                  (20, 4, "scalar", False), (24, 4, "scalar", False), (64, 4, "scalar", False),
                  (72, 4, "scalar", False), (76, 4, "scalar", False), (88, 4, "scalar", False),
                  (100, 4, "scalar", False), (164, 4, "scalar", True), (168, 8, "scalar", False),
                  (184, 8, "sk", False), (192, 8, "data", False), (200, 8, "data_end", False),
                  (208, 4, "scalar", False), (212, 4, "scalar", False), (216, 8, "scalar", False)])
SK_MSG = (80, [(0, 8, "data", False), (8, 8, "data_end", False), (16, 4, "scalar", False),
               (20, 4, "scalar", False), (24, 4, "scalar", False), (28, 4, "scalar", False),
               (60, 4, "scalar", False), (64, 4, "scalar", False), (68, 4, "scalar", False),
               (72, 8, "sk", False)])
SYSCTL = (8, [(0, 4, "scalar", False), (4, 4, "scalar", True)])
# optval/optval_end are a packet-like pair (PTR_TO_PACKET / PTR_TO_PACKET_END)
SOCKOPT = (40, [(0, 8, "sk", False), (8, 8, "data", False), (16, 8, "data_end", False),
                (24, 4, "scalar", True), (28, 4, "scalar", True), (32, 4, "scalar", True),
                (36, 4, "scalar", True)])
SK_LOOKUP = (72, [(0, 8, "sk", False), (8, 4, "scalar", False), (12, 4, "scalar", False),
                  (16, 4, "scalar", False), (20, 4, "scalar", False), (36, 4, "scalar", False),
                  (40, 4, "scalar", False), (44, 4, "scalar", False), (60, 4, "scalar", False),
                  (64, 4, "scalar", False)])
CGROUP_DEV = (12, [(0, 4, "scalar", False), (4, 4, "scalar", False), (8, 4, "scalar", False)])
SYSCALL = (64, [(8 * i, 8, "scalar", True) for i in range(8)])

# (name, prog_type, [attach types], ctx, helper family, weight)
PROG_TYPES = [
    ("socket_filter", 1, [0], SKB, "skb_ro", 8),
    ("sched_cls", 3, [0], SKB, "tc", 10),
    ("sched_act", 4, [0], SKB, "tc", 3),
    ("xdp", 6, [0, 37], XDP, "xdp", 10),
    ("kprobe", 2, [0], PT_REGS, "trace", 8),
    ("tracepoint", 5, [0], TRACEPOINT, "trace", 5),
    ("perf_event", 7, [0], PERF_EVENT, "trace", 4),
    ("raw_tracepoint", 17, [0], RAW_TP, "trace", 5),
    ("cgroup_skb", 8, [0, 1], SKB, "cg_skb", 7),
    ("cgroup_sock", 9, [2, 12, 13, 34], BPF_SOCK, "cg_sock", 6),
    ("cgroup_sock_addr", 18, [8, 9, 10, 11, 14, 15, 19, 20, 29, 30, 31, 32], SOCK_ADDR,
     "sock_addr", 8),
    ("sock_ops", 13, [0], SOCK_OPS, "sock_ops", 5),
    ("sk_skb", 14, [4, 5, 38], SKB, "sk_skb", 5),
    ("sk_msg", 16, [7], SK_MSG, "sk_msg", 4),
    ("flow_dissector", 22, [17], SKB, "flow", 3),
    ("cgroup_sysctl", 23, [18], SYSCTL, "sysctl", 3),
    ("cgroup_sockopt", 25, [21, 22], SOCKOPT, "sockopt", 4),
    ("sk_lookup", 30, [36], SK_LOOKUP, "sk_lookup", 3),
    ("lwt_in", 10, [0], SKB, "lwt", 2),
    ("lwt_out", 11, [0], SKB, "lwt", 2),
    ("lwt_xmit", 12, [0], SKB, "lwt", 2),
    ("lwt_seg6local", 19, [0], SKB, "lwt", 1),
    ("cgroup_device", 15, [6], CGROUP_DEV, "base", 1),
    ("syscall", 31, [0], SYSCALL, "base", 1),
]

# --- helpers ------------------------------------------------------------------------------------
# Argument kinds: ctx, map (+ the map roles that fit), key/val (initialised stack of the map's
# key/value size), mem (initialised memory) and umem (memory the helper writes) each followed by
# size, any (a scalar), flags (0 mostly), sock, rbmem (ringbuf-reserved memory), pkt.
# Returns: int, void, map_value (or null), sock (or null, referenced), sock_nr (or null, not
# referenced), mem (ringbuf reservation, or null, referenced), mem_nr (memory or null).
H = {}


def helper(fid, name, args, ret="int", maps=None):
    H[fid] = (name, args, ret, maps)


helper(1, "map_lookup_elem", ["map", "key"], "map_value", ["array", "hash", "percpu_array"])
helper(2, "map_update_elem", ["map", "key", "val", "flags"], "int", ["array", "hash"])
helper(3, "map_delete_elem", ["map", "key"], "int", ["hash"])
helper(4, "probe_read", ["umem", "size", "any"])
helper(5, "ktime_get_ns", [])
helper(6, "trace_printk", ["mem", "size"])
helper(7, "get_prandom_u32", [])
helper(8, "get_smp_processor_id", [])
helper(9, "skb_store_bytes", ["ctx", "any", "mem", "size", "flags"])
helper(10, "l3_csum_replace", ["ctx", "any", "any", "any", "flags"])
helper(11, "l4_csum_replace", ["ctx", "any", "any", "any", "flags"])
helper(12, "tail_call", ["ctx", "map", "any"], "int", ["prog_array"])
helper(13, "clone_redirect", ["ctx", "any", "flags"])
helper(14, "get_current_pid_tgid", [])
helper(15, "get_current_uid_gid", [])
helper(16, "get_current_comm", ["umem", "size"])
helper(17, "get_cgroup_classid", ["ctx"])
helper(18, "skb_vlan_push", ["ctx", "any", "any"])
helper(19, "skb_vlan_pop", ["ctx"])
helper(20, "skb_get_tunnel_key", ["ctx", "umem", "size", "flags"])
helper(22, "perf_event_read", ["map", "flags"], "int", ["perf_event_array"])
helper(23, "redirect", ["any", "flags"])
helper(25, "perf_event_output", ["ctx", "map", "flags", "mem", "size"], "int",
       ["perf_event_array"])
helper(26, "skb_load_bytes", ["ctx", "any", "umem", "size"])
helper(27, "get_stackid", ["ctx", "map", "flags"], "int", ["stack_trace"])
helper(28, "csum_diff", ["mem", "size", "mem", "size", "any"])
helper(31, "skb_change_proto", ["ctx", "any", "flags"])
helper(34, "get_hash_recalc", ["ctx"])
helper(35, "get_current_task", [])
helper(38, "skb_change_tail", ["ctx", "any", "flags"])
helper(39, "skb_pull_data", ["ctx", "any"])
helper(41, "set_hash_invalid", ["ctx"])
helper(42, "get_numa_node_id", [])
helper(44, "xdp_adjust_head", ["ctx", "any"])
helper(45, "probe_read_str", ["umem", "size", "any"])
helper(46, "get_socket_cookie", ["ctx"])
helper(47, "get_socket_uid", ["ctx"])
helper(49, "setsockopt", ["ctx", "any", "any", "mem", "size"])
helper(50, "skb_adjust_room", ["ctx", "any", "any", "flags"])
helper(51, "redirect_map", ["map", "any", "flags"], "int", ["array", "hash"])
helper(54, "xdp_adjust_meta", ["ctx", "any"])
helper(57, "getsockopt", ["ctx", "any", "any", "umem", "size"])
helper(59, "sock_ops_cb_flags_set", ["ctx", "any"])
helper(61, "msg_apply_bytes", ["ctx", "any"])
helper(62, "msg_cork_bytes", ["ctx", "any"])
helper(63, "msg_pull_data", ["ctx", "any", "any", "flags"])
helper(64, "bind", ["ctx", "mem", "size"])
helper(65, "xdp_adjust_tail", ["ctx", "any"])
helper(67, "get_stack", ["ctx", "umem", "size", "flags"])
helper(68, "skb_load_bytes_relative", ["ctx", "any", "umem", "size", "any"])
helper(80, "get_current_cgroup_id", [])
helper(81, "get_local_storage", ["map", "flags"], "map_value", ["cg_storage"])
helper(84, "sk_lookup_tcp", ["ctx", "mem", "size", "any", "flags"], "sock")
helper(85, "sk_lookup_udp", ["ctx", "mem", "size", "any", "flags"], "sock")
helper(86, "sk_release", ["sock"], "int")
helper(87, "map_push_elem", ["map", "val", "flags"], "int", ["queue"])
helper(95, "sk_fullsock", ["sock"], "sock_nr")
helper(96, "tcp_sock", ["sock"], "sock_nr")
helper(98, "get_listener_sock", ["sock"], "sock_nr")
helper(99, "skc_lookup_tcp", ["ctx", "mem", "size", "any", "flags"], "sock")
helper(101, "sysctl_get_name", ["ctx", "umem", "size", "flags"])
helper(102, "sysctl_get_current_value", ["ctx", "umem", "size"])
helper(104, "sysctl_set_new_value", ["ctx", "mem", "size"])
helper(105, "strtol", ["mem", "size", "flags", "umem8"])
helper(107, "sk_storage_get", ["map", "sock", "val", "flags"], "map_value", ["hash"])
helper(112, "probe_read_user", ["umem", "size", "any"])
helper(113, "probe_read_kernel", ["umem", "size", "any"])
helper(114, "probe_read_user_str", ["umem", "size", "any"])
helper(118, "jiffies64", [])
helper(122, "get_netns_cookie", ["ctx"])
helper(124, "sk_assign", ["ctx", "sock", "flags"])
helper(125, "ktime_get_boot_ns", [])
helper(130, "ringbuf_output", ["map", "mem", "size", "flags"], "int", ["ringbuf"])
helper(131, "ringbuf_reserve", ["map", "any", "flags"], "mem", ["ringbuf"])
helper(132, "ringbuf_submit", ["rbmem", "flags"], "void")
helper(133, "ringbuf_discard", ["rbmem", "flags"], "void")
helper(134, "ringbuf_query", ["map", "flags"], "int", ["ringbuf"])
helper(142, "load_hdr_opt", ["ctx", "umem", "size", "flags"])
helper(154, "this_cpu_ptr", ["any"], "mem_nr")
helper(160, "ktime_get_coarse_ns", [])
helper(163, "check_mtu", ["ctx", "any", "umem4", "any", "flags"])
helper(165, "snprintf", ["umem", "size", "mem", "mem", "size"])
helper(182, "strncmp", ["mem", "size", "mem"])
helper(186, "get_retval", [])
helper(187, "set_retval", ["any"])
helper(188, "xdp_get_buff_len", ["ctx"])
helper(189, "xdp_load_bytes", ["ctx", "any", "umem", "size"])
helper(192, "skb_set_tstamp", ["ctx", "any", "any"])
helper(195, "map_lookup_percpu_elem", ["map", "key", "any"], "map_value", ["percpu_array"])
helper(208, "ktime_get_tai_ns", [])

BASE = [1, 2, 3, 5, 7, 8, 12, 42, 87, 118, 125, 130, 131, 132, 133, 134, 160, 195, 208]
FAMILIES = {
    "base": BASE + [81],
    "skb_ro": BASE + [26, 46, 47, 68, 84, 85, 86, 95, 96, 98, 99],
    "tc": BASE + [9, 10, 11, 13, 17, 18, 19, 23, 26, 28, 31, 34, 38, 39, 41, 50, 68, 84, 85, 86,
                  95, 96, 99, 124, 163, 192],
    "xdp": BASE + [23, 44, 51, 54, 65, 84, 85, 86, 99, 163, 188, 189],
    "trace": BASE + [4, 6, 14, 15, 16, 22, 25, 27, 35, 45, 67, 80, 112, 113, 114],
    "cg_skb": BASE + [81, 26, 46, 47, 68, 84, 85, 86, 95, 96, 98, 99, 80],
    "cg_sock": BASE + [81, 14, 15, 46, 80, 122, 16],
    "sock_addr": BASE + [81, 46, 49, 57, 64, 84, 85, 86, 99, 122, 186, 187],
    "sock_ops": BASE + [81, 46, 49, 57, 59, 142, 122],
    "sk_skb": BASE + [9, 26, 38, 39, 46, 47, 84, 85, 86, 99],
    "sk_msg": BASE + [46, 61, 62, 63, 14, 15],
    "flow": BASE + [26],
    "sysctl": BASE + [81, 101, 102, 104, 105, 186, 187],
    "sockopt": BASE + [81, 96, 186, 187, 122],
    "sk_lookup": BASE + [86, 124, 84],
    "lwt": BASE + [26, 34, 46, 47, 68, 17, 23, 39],
}

CTX_REG = 6


class MoreShapes:
    """Second-generation shapes: variable packet offsets, packet pointers invalidated by
    helpers, ctx spilled and filled, atomics and sign-extending loads on ctx, variable helper
    sizes, socket pointer chains, reference misuse, legacy packet loads."""

    def extra_shape(self):
        rng = self.rng
        kinds = {f[2] for f in self.fields}
        table = [(self.ctx_spill, 2), (self.ctx_atomic_or_sx, 2), (self.var_size_call, 3),
                 (self.ref_misuse, 2), (self.pool_call, 4)]
        if "data" in kinds:
            table += [(self.pkt_var, 3), (self.pkt_invalidated, 2)]
        if "sk" in kinds and (95 in FAMILIES[self.family] or self.faults_left):
            table += [(self.sock_chain, 3)]
        if self.ctx_size == 192:  # __sk_buff
            table += [(self.ld_abs, 1)]
        x = rng.randrange(sum(w for _, w in table))
        for fn, w in table:
            x -= w
            if x < 0:
                return fn()

    def scalar_field(self, r):
        """r = a scalar context field (or a constant if the context has none readable)."""
        f = self.pick_field({"scalar"})
        if f:
            self.ldx(f[1], r, CTX_REG, f[0])
        else:
            self.mov_imm(r, 7)

    def pkt_var(self):
        """data + (a ctx field masked, or bounded by a compare), then the usual end check."""
        rng = self.rng
        data = self.pick_field({"data"})
        end = self.pick_field({"data_end"})
        self.scalar_field(4)
        bound = rng.choice([0xff, 0x3f, 0xffff, 7])
        skip = self.a.new_label()
        if self.wild(0.3):
            tag = rng.choice(["unbounded", "signed"])
            if tag == "signed":
                self.a.emit(JMP | 0xc0 | K, 4, 0, 0, 0, target=skip)  # jslt 0: only a lower bound
        elif rng.random() < 0.6:
            self.a.emit(ALU64 | AND | K, 4, 0, 0, bound)
            tag = f"and{bound}"
        else:
            self.a.emit(JMP | JGT | K, 4, 0, 0, bound, target=skip)
            tag = f"jgt{bound}"
        self.ldx(data[1], 2, CTX_REG, data[0])
        self.ldx(end[1], 3, CTX_REG, end[0])
        self.a.emit(ALU64 | ADD | X, 2, 4, 0, 0)
        n = rng.choice([1, 2, 4, 8])
        size = rng.choice([s for s in (1, 2, 4, 8) if s <= n])
        off = n - size if not self.wild(0.3) else n - size + 1
        self.mov_reg(5, 2)
        self.a.emit(ALU64 | ADD | K, 5, 0, 0, n)
        if rng.random() < 0.5:
            self.a.emit(JMP | JGT | X, 5, 3, 0, 0, target=skip)
        else:
            self.a.emit(JMP | JLT | X, 3, 5, 0, 0, target=skip)  # end < ptr: the other side
        self.ldx(size, 0, 2, off)
        self.a.place(skip)
        self.steps.append(f"pktvar:{tag}:n{n}:{size}@{off}")

    PKT_CHANGERS = {"tc": [(39, 2), (38, 3), (50, 4), (18, 3), (19, 1)],
                    "xdp": [(44, 2), (54, 2), (65, 2)],
                    "sk_skb": [(39, 2), (38, 3)],
                    "sk_msg": [(63, 4)],
                    "lwt": [(39, 2)]}

    def pkt_invalidated(self):
        """A checked packet pointer kept in r7 across a helper that may change the packet
        (or one that does not), then dereferenced (or reloaded first)."""
        rng = self.rng
        data = self.pick_field({"data"})
        end = self.pick_field({"data_end"})
        self.ldx(data[1], 7, CTX_REG, data[0])
        self.ldx(end[1], 3, CTX_REG, end[0])
        skip = self.a.new_label()
        self.mov_reg(2, 7)
        self.a.emit(ALU64 | ADD | K, 2, 0, 0, 8)
        self.a.emit(JMP | JGT | X, 2, 3, 0, 0, target=skip)
        changers = self.PKT_CHANGERS.get(self.family)
        if changers and rng.random() < 0.7:
            fid, nargs = rng.choice(changers)
            self.mov_reg(1, CTX_REG)
            for r in range(2, nargs + 1):
                self.mov_imm(r, rng.choice([0, 14, 8]))
            tag = f"changer{fid}"
        else:
            fid = rng.choice([7, 5, 8])
            tag = f"nonchanger{fid}"
        self.call(fid)
        if not self.wild(0.6) and changers:
            self.ldx(data[1], 7, CTX_REG, data[0])  # reload: the old pointer is gone
            tag += ":reload"
            self.a.place(skip)
            self.r7 = None
            self.steps.append(f"pktinval:{tag}")
            return
        self.ldx(rng.choice([1, 4]), 0, 7, rng.choice([0, 4]))
        self.a.place(skip)
        self.r7 = None
        self.steps.append(f"pktinval:{tag}")

    def ctx_spill(self):
        """ctx spilled to the stack (8 bytes, or 4: then the fill is a scalar) and used again
        from the fill."""
        rng = self.rng
        off = -rng.choice([8, 16, 24, 40])
        size = 8 if not self.wild(0.3) else 4
        self.stx(size, 10, CTX_REG, off)
        self.ldx(size, 1, 10, off)
        f = self.pick_field({"scalar"}) or self.pick_field()
        self.ldx(f[1], 2, 1, f[0])
        self.steps.append(f"ctxspill{size}@{off}")

    def ctx_atomic_or_sx(self):
        rng = self.rng
        f = self.pick_field({"scalar"}) or self.pick_field()
        if self.wild(0.4):
            # atomics on ctx are refused whatever the field (check_atomic)
            self.mov_imm(2, 1)
            size = 8 if f[1] == 8 else 4
            op = rng.choice([ADD, ADD | FETCH, OR, XOR | FETCH, 0xe1])
            self.a.emit(STX | ATOMIC | SZ[size], CTX_REG, 2, f[0], op)
            self.steps.append(f"atomic{size}@{f[0]}:{op:#x}")
        else:
            size = rng.choice([s for s in (1, 2, 4) if s <= f[1]] or [1])
            self.a.emit(LDX | MEMSX | SZ[size], 8, CTX_REG, f[0], 0)
            self.r8 = "scalar"
            self.steps.append(f"ldsx{size}@{f[0]}")

    VAR_SIZE_HELPERS = [(113, "umem,size,any"), (4, "umem,size,any"), (16, "umem,size"),
                        (130, "map,mem,size,flags"), (26, "ctx,any,umem,size"),
                        (28, "mem,size,mem,size,any"), (25, "ctx,map,flags,mem,size")]

    def var_size_call(self):
        """A helper whose size argument is a ctx field bounded by a mask or a compare, or not:
        check_mem_size_reg()'s range checks."""
        rng = self.rng
        fam = FAMILIES[self.family]
        fid, shape = rng.choice([h for h in self.VAR_SIZE_HELPERS if h[0] in fam or h[0] == 113]
                                if not self.wild(0.2) else self.VAR_SIZE_HELPERS)
        args = shape.split(",")
        if "map" in args:
            roles = {130: ["ringbuf"], 25: ["perf_event_array"]}[fid]
            mi = self.find_map(roles)
            if mi is None:
                return self.helper_call()
        skip = self.a.new_label()
        # the size lives in r8 while the other arguments are set up
        self.scalar_field(8)
        bound = rng.choice([7, 15, 31, 63])
        how = rng.random()
        if self.wild(0.35):
            tag = rng.choice(["nobound", "signed", "zero_ok"])
            if tag == "signed":
                self.a.emit(JMP | 0x60 | K, 8, 0, 0, bound, target=skip)  # jsgt: no lower bound
            elif tag == "zero_ok":
                self.a.emit(ALU64 | AND | K, 8, 0, 0, bound)
        elif how < 0.5:
            self.a.emit(ALU64 | AND | K, 8, 0, 0, bound)
            self.a.emit(JMP | JEQ | K, 8, 0, 0, 0, target=skip)
            tag = f"and{bound}"
        else:
            self.a.emit(JMP | JGT | K, 8, 0, 0, bound, target=skip)
            self.a.emit(JMP | JLT | K, 8, 0, 0, 1, target=skip)
            tag = f"range1-{bound}"
        buf = bound + 1
        self.stack_ptr(9, True, 64)  # an initialised 64-byte buffer at fp-64.. (r9 survives)
        for i, kind in enumerate(args):
            r = i + 1
            if kind == "umem" or kind == "mem":
                self.mov_reg(r, 9)
            elif kind == "size":
                self.mov_reg(r, 8)
            elif kind == "ctx":
                self.mov_reg(r, CTX_REG)
            elif kind == "map":
                self.map_ref(r, mi)
            else:
                self.mov_imm(r, 0)
        self.call(fid)
        self.a.place(skip)
        self.r8 = None
        self.steps.append(f"varsize{fid}:{tag}:buf{buf}")

    POOL = ["zero", "ctx", "fp_init", "fp_uninit", "map", "pkt", "s8", "s64", "neg", "big"]

    def pool_call(self):
        """Any helper id (of the family or not) with every argument drawn from a pool of
        shapes: NULL, ctx, initialised or uninitialised stack, a map of the program, a checked
        packet pointer, constants. Explores check_func_arg()'s order of checks."""
        rng = self.rng
        if not self.faults_left:
            return self.helper_call()  # careful programs keep plausible arguments
        self.faults_left = 0
        data = self.pick_field({"data"})
        skip = self.a.new_label()
        pkt = data is not None and rng.random() < 0.7
        if pkt:
            end = self.pick_field({"data_end"})
            self.ldx(data[1], 8, CTX_REG, data[0])
            self.ldx(end[1], 3, CTX_REG, end[0])
            self.mov_reg(2, 8)
            self.a.emit(ALU64 | ADD | K, 2, 0, 0, 64)
            self.a.emit(JMP | JGT | X, 2, 3, 0, 0, target=skip)
            self.r8 = None
        if self.init_top < 8:
            self.st(8, 10, -8, 0)
            self.init_top = 8
        fid = rng.choice(FAMILIES[self.family]) if rng.random() < 0.5 else rng.randrange(1, 212)
        shapes = []
        for r in range(1, rng.randint(1, 5) + 1):
            shape = rng.choice(self.POOL)
            shapes.append(shape)
            if shape == "zero":
                self.mov_imm(r, 0)
            elif shape == "ctx":
                self.mov_reg(r, CTX_REG)
            elif shape == "fp_init":
                self.mov_reg(r, 10)
                self.a.emit(ALU64 | ADD | K, r, 0, 0, -self.init_top)
            elif shape == "fp_uninit":
                self.mov_reg(r, 10)
                self.a.emit(ALU64 | ADD | K, r, 0, 0, -192)
            elif shape == "map":
                self.map_ref(r, rng.randrange(len(self.maps)))
            elif shape == "pkt" and pkt:
                self.mov_reg(r, 8)
            else:
                self.mov_imm(r, {"s8": 8, "s64": 64, "neg": -1, "big": 4096}.get(shape, 0))
        self.call(fid)
        self.a.place(skip)
        self.steps.append(f"pool{fid}:{'+'.join(shapes)}")

    def sock_chain(self):
        """ctx's socket pointer through sk_fullsock / tcp_sock / get_listener_sock, each result
        null-checked (or not), then a field load at a random offset and size."""
        rng = self.rng
        f = self.pick_field({"sk"})
        done = self.a.new_label()
        self.ldx(8, 1, CTX_REG, f[0])
        self.a.emit(JMP | JEQ | K, 1, 0, 0, 0, target=done)
        chain = rng.choice([[95], [96], [95, 96], [98], [95, 98]])
        for fid in chain:
            self.call(fid)
            if not self.wild(0.2):
                self.a.emit(JMP | JEQ | K, 0, 0, 0, 0, target=done)
            self.mov_reg(1, 0)
        if self.wild(0.4):
            size, off = rng.choice([1, 2, 4, 8]), rng.randrange(0, 200)
        else:
            size, off = 4, rng.choice([0, 4, 8, 12, 16, 20, 24, 28, 44, 48, 52, 72, 76])
        self.ldx(size, 2, 1, off)
        self.a.place(done)
        self.steps.append(f"sockchain{'-'.join(map(str, chain))}:{size}@{off}")

    def ref_misuse(self):
        """A reference (sk_lookup_tcp, ringbuf_reserve) released twice, used after release,
        leaked on one branch, or held across a tail call; or used correctly."""
        rng = self.rng
        rb = self.find_map(["ringbuf"])
        if rb is not None and rng.random() < 0.5:
            self.map_ref(1, rb)
            self.mov_imm(2, 16)
            self.mov_imm(3, 0)
            self.call(131)
            release = [(132, True), (133, True)]
        else:
            if 84 not in FAMILIES[self.family] and not self.wild(0.3):
                return self.helper_call()
            self.mov_reg(1, CTX_REG)
            self.stack_ptr(2, True, 12)
            self.mov_imm(3, 12)
            self.mov_imm(4, -1)
            self.mov_imm(5, 0)
            self.call(84)
            release = [(86, False)]
        self.mov_reg(7, 0)
        done = self.a.new_label()
        self.a.emit(JMP | JEQ | K, 7, 0, 0, 0, target=done)
        fid, has_flags = rng.choice(release)
        plan = "ok"
        if self.wild(0.7):
            plan = rng.choice(["twice", "use_after", "leak_branch", "tail_call"])
        if plan == "leak_branch":
            self.scalar_field(2)
            self.a.emit(JMP | JEQ | K, 2, 0, 0, 0, target=done)
        if plan == "tail_call":
            pa = self.find_map(["prog_array"])
            self.mov_reg(1, CTX_REG)
            self.map_ref(2, pa if pa is not None else 0)
            self.mov_imm(3, 0)
            self.call(12)
        self.mov_reg(1, 7)
        if has_flags:
            self.mov_imm(2, 0)
        self.call(fid)
        if plan == "twice":
            self.mov_reg(1, 7)
            if has_flags:
                self.mov_imm(2, 0)
            self.call(fid)
        elif plan == "use_after":
            self.ldx(4, 2, 7, 0)
        self.a.place(done)
        self.r7 = None
        self.steps.append(f"ref{fid}:{plan}")

    def ld_abs(self):
        """Legacy packet loads (skb types only; ctx must be in r6, which it is)."""
        rng = self.rng
        size = rng.choice([1, 2, 4])
        if rng.random() < 0.6:
            self.a.emit(LD | ABS | SZ[size], 0, 0, 0, rng.choice([0, 12, 14, 23, 40, -1]))
            tag = "abs"
        else:
            self.scalar_field(7)
            self.r7 = "scalar"
            self.a.emit(LD | IND | SZ[size], 0, 7, 0, rng.choice([0, 2, 14]))
            tag = "ind"
        self.mov_reg(8, 0)
        self.r8 = "scalar"
        self.steps.append(f"ld{tag}{size}")


class CtxHelpGen(MoreShapes):
    def __init__(self, rng, asm, maps, ptype, faulty):
        self.rng = rng
        self.a = asm
        self.maps = maps
        self.name, self.prog_type, attach, (self.ctx_size, self.fields), self.family, _ = ptype
        self.attach = rng.choice(attach)
        self.faults_left = 1 if faulty else 0
        self.init_top = 0  # bytes [fp-init_top, fp) are initialised
        self.r7 = None  # what r7 holds: None, "scalar", ("sock"|"mem", referenced)
        self.r8 = None
        self.steps = []

    def wild(self, p):
        """Whether this choice is the program's one random ("wild") choice: with probability p
        while the program still has its fault budget. Careful choices are the rest."""
        if self.faults_left and self.rng.random() < p:
            self.faults_left -= 1
            return True
        return False

    # --- small emitters ------------------------------------------------------------------------
    def mov_imm(self, r, v):
        self.a.emit(ALU64 | MOV | K, r, 0, 0, v)

    def mov_reg(self, d, s):
        self.a.emit(ALU64 | MOV | X, d, s, 0, 0)

    def ldx(self, size, d, s, off):
        self.a.emit(LDX | MEM | SZ[size], d, s, off, 0)

    def stx(self, size, d, s, off):
        self.a.emit(STX | MEM | SZ[size], d, s, off, 0)

    def st(self, size, d, off, imm):
        self.a.emit(ST | MEM | SZ[size], d, 0, off, imm)

    def call(self, fid):
        self.a.emit(JMP | CALL, 0, 0, 0, fid)

    def map_ref(self, r, idx):
        # the first slot's imm is the map index (fd_array convention)
        self.a.ld64(r, idx, src=PSEUDO_MAP_IDX, imm_hi=0)

    def find_map(self, roles):
        cands = [i for i, m in enumerate(self.maps) if m["role"] in roles]
        return self.rng.choice(cands) if cands else None

    # --- program -------------------------------------------------------------------------------
    def program(self):
        rng = self.rng
        self.mov_reg(CTX_REG, 1)
        n = rng.choice([0, 1, 2, 2, 3, 4, 4, 6, 8])
        for i in range(n):
            self.st(8, 10, -8 * (i + 1), 0)
        self.init_top = 8 * n
        for _ in range(rng.randint(2, 5)):
            x = rng.random()
            if x < 0.30:
                self.ctx_load()
            elif x < 0.38:
                self.ctx_store()
            elif x < 0.75:
                self.helper_call()
            else:
                self.extra_shape()
        self.exit()

    # --- ctx loads ------------------------------------------------------------------------------
    def pick_field(self, kinds=None, writable=None):
        fields = [f for f in self.fields if (kinds is None or f[2] in kinds) and
                  (writable is None or f[3] == writable)]
        return self.rng.choice(fields) if fields else None

    def ctx_load(self):
        rng = self.rng
        x = rng.random()
        kinds = {f[2] for f in self.fields}
        if x < 0.35 and "data" in kinds:
            return self.packet_access()
        if x < 0.5 and ("sk" in kinds or "flow_keys" in kinds):
            return self.pointer_field_access()
        dst = rng.choice([7, 8, 2, 3])
        if self.wild(0.5):
            if rng.random() < 0.5:
                # narrow load of a wider field, at its start or inside it
                off, fsize, kind, _ = self.pick_field()
                size = rng.choice([s for s in (1, 2, 4, 8) if s <= fsize] or [1])
                off += rng.choice([0, size, fsize - size]) if fsize > size else 0
                self.steps.append(f"narrow{size}@{off}")
            else:
                size = rng.choice([1, 2, 4, 8])
                off = rng.choice([rng.randrange(-8, self.ctx_size + 16), self.ctx_size,
                                  self.ctx_size - size + rng.choice([0, 1]),
                                  rng.randrange(0, self.ctx_size) | 1])
                self.steps.append(f"rand{size}@{off}")
        else:
            off, size, kind, _ = self.pick_field({"scalar"}) or self.pick_field()
            self.steps.append(f"ld{size}@{off}")
        base = CTX_REG
        if self.wild(0.08):
            # through a copy moved by a constant: the kernel wants ctx accesses at a fixed off
            self.mov_reg(1, CTX_REG)
            self.a.emit(ALU64 | ADD | K, 1, 0, 0, rng.choice([4, 8, -4]))
            base = 1
            self.steps[-1] += "+moved"
        self.ldx(size, dst, base, off)
        if dst == 7:
            self.r7 = "scalar"  # a reference r7 held is lost: the kernel reports it at exit
        elif dst == 8:
            self.r8 = "scalar"

    def packet_access(self):
        rng = self.rng
        data = self.pick_field({"data"})
        end = self.pick_field({"data_end"})
        meta = self.pick_field({"data_meta"})
        use_meta = meta is not None and rng.random() < 0.15
        lo = meta if use_meta else data
        self.ldx(lo[1], 2, CTX_REG, lo[0])
        self.ldx(end[1], 3, CTX_REG, end[0])
        hi_reg = 3
        if use_meta:
            self.ldx(data[1], 4, CTX_REG, data[0])
            hi_reg = 4
        n = rng.choice([1, 2, 4, 8, 14, 20, 34, 40])
        size = rng.choice([s for s in (1, 2, 4, 8) if s <= n])
        if self.wild(0.3):
            off = rng.choice([n - size + 1, n, rng.randrange(0, n + 8), -1])
            tag = "oob"
        else:
            off = rng.choice([0, n - size, rng.randrange(0, n - size + 1)])
            tag = "in"
        skip = self.a.new_label()
        self.mov_reg(9, 2)
        self.a.emit(ALU64 | ADD | K, 9, 0, 0, n)
        plan = rng.random()
        if self.wild(0.25):
            if plan < 0.5:
                self.a.emit(JMP | JGE | X, hi_reg, 9, 0, 0, target=skip)  # wrong direction
                kind = "wrongdir"
            else:
                kind = "unchecked"
        elif plan < 0.7:
            self.a.emit(JMP | JGT | X, 9, hi_reg, 0, 0, target=skip)  # if data+n > end: skip
            kind = "checked"
        else:
            self.a.emit(JMP | JLE | X, 9, hi_reg, 1, 0)  # if data+n <= end: access
            self.a.emit(JMP | JA, 0, 0, 0, 0, target=skip)
            kind = "checked_le"
        if rng.random() < 0.75:
            self.ldx(size, 0, 2, off)
            kind += ":ld"
        else:
            self.st(size, 2, off, 1) if rng.random() < 0.5 else self.stx(size, 2, 9, off)
            kind += ":st"
        self.a.place(skip)
        self.steps.append(f"pkt{'meta' if use_meta else ''}:{kind}:n{n}:{size}@{off}:{tag}")

    def pointer_field_access(self):
        rng = self.rng
        f = self.pick_field({"sk", "flow_keys"})
        self.ldx(f[1] if not self.wild(0.1) else 4, 2, CTX_REG, f[0])
        skip = self.a.new_label()
        checked = not self.wild(0.3)
        if checked:
            self.a.emit(JMP | JEQ | K, 2, 0, 0, 0, target=skip)
        if self.wild(0.3):
            size = rng.choice([1, 2, 8])
            off = rng.choice([rng.randrange(0, 120), 80, 2, 6])
        else:
            size = 4
            off = rng.choice([0, 4, 8, 12, 16, 20, 24, 28, 44, 48, 52, 72, 76])
        self.ldx(size, 3, 2, off)
        self.a.place(skip)
        self.steps.append(f"{f[2]}{'' if checked else ':unchecked'}:{size}@{off}")

    # --- ctx stores ----------------------------------------------------------------------------
    def ctx_store(self):
        rng = self.rng
        f = self.pick_field(writable=True)
        if f is None and not self.faults_left:
            return self.ctx_load()  # nothing writable: a careful program only reads
        if f is None or self.wild(0.6):
            if rng.random() < 0.6 or f is None:
                off, fsize, _, w = self.pick_field()
                size = fsize if rng.random() < 0.6 else rng.choice([1, 2, 4, 8])
                tag = f"st{'rw' if w else 'ro'}{size}@{off}"
            else:
                size = rng.choice([1, 2, 4, 8])
                off = rng.randrange(-4, self.ctx_size + 8)
                tag = f"strand{size}@{off}"
        else:
            off, size, _, _ = f
            tag = f"strw{size}@{off}"
        if self.wild(0.15):
            self.st(size, CTX_REG, off, rng.choice([0, 1]))
            tag += ":imm"
        else:
            self.mov_imm(2, rng.choice([0, 1, 7, 0x800, -1]))
            self.stx(size, CTX_REG, 2, off)
        self.steps.append(tag)

    # --- helpers --------------------------------------------------------------------------------
    def pick_helper(self):
        rng = self.rng
        if self.wild(0.3):
            return rng.choice(sorted(H)) if rng.random() < 0.7 else rng.randrange(0, 216)
        return rng.choice([f for f in FAMILIES[self.family] if self.usable(f)])

    def usable(self, fid):
        """Whether a careful call of fid can set up its arguments: a map of the right kind,
        the reference a release needs, a socket for sock arguments."""
        _, args, _, roles = H[fid]
        if roles and self.find_map(roles) is None:
            return False
        if "rbmem" in args and not (isinstance(self.r7, tuple) and self.r7[0] == "mem"):
            return False
        if fid == 86 and not (isinstance(self.r7, tuple) and self.r7[0] == "sock"):
            return False
        if "sock" in args and not self.pick_field({"sk"}) and not (
                isinstance(self.r7, tuple) and self.r7[0] == "sock"):
            return False
        return True

    def stack_ptr(self, r, initialised, size):
        """r = fp - off, off chosen so that [fp-off, fp-off+size) lies in initialised stack (or
        stack never written, for memory the helper fills)."""
        rng = self.rng
        if initialised and self.init_top >= size:
            off = rng.choice([size, self.init_top])
        elif initialised:
            # not enough initialised stack: write the buffer first (8-byte stores)
            for o in range(self.init_top + 8, size + 1 + 7, 8):
                self.st(8, 10, -o, 0)
            self.init_top = max(self.init_top, (size + 7) // 8 * 8)
            off = self.init_top
        else:
            off = rng.choice([128, 96, size + 64]) if size <= 128 else 512
        self.mov_reg(r, 10)
        self.a.emit(ALU64 | ADD | K, r, 0, 0, -off)

    def random_arg(self, r):
        rng = self.rng
        x = rng.random()
        if x < 0.2:
            self.mov_imm(r, 0)
        elif x < 0.35:
            self.mov_reg(r, CTX_REG)
        elif x < 0.5:
            self.mov_reg(r, 10)
            self.a.emit(ALU64 | ADD | K, r, 0, 0, rng.choice([-8, -64, -200, -520, 8]))
        elif x < 0.65 and self.maps:
            self.map_ref(r, rng.randrange(len(self.maps)))
        elif x < 0.8 and self.r7 is not None:
            self.mov_reg(r, 7)
        else:
            self.mov_imm(r, rng.choice([1, 8, 64, -1, 4096]))

    def helper_call(self, fid=None):
        rng = self.rng
        if fid is None:
            fid = self.pick_helper()
        name, args, ret, roles = H.get(fid, (f"helper{fid}", [], "int", None))
        if fid not in H:
            args = ["any"] * rng.randint(0, 3)
        map_idx = self.find_map(roles) if roles else None
        if roles and (map_idx is None or self.wild(0.1)):
            map_idx = rng.randrange(len(self.maps))
        mp = self.maps[map_idx] if map_idx is not None else None
        sizes = []  # the size of the previous mem/umem argument
        guard = None  # label after the call and the use of r0, for null-checked arguments
        wild_arg = rng.randrange(len(args)) if args and self.wild(0.4) else -1
        tag = ""
        for i, kind in enumerate(args):
            r = i + 1
            if i == wild_arg:
                if kind == "size" and rng.random() < 0.6:
                    size = sizes[-1] if sizes else 8
                    v = rng.choice([0, size + 8, -1, 4096, size + 1])
                    self.mov_imm(r, v)
                    tag = f":size{v}"
                else:
                    self.random_arg(r)
                    tag = f":wild{r}"
                    sizes.append(8)
                continue
            if kind == "ctx":
                self.mov_reg(r, CTX_REG)
            elif kind == "map":
                self.map_ref(r, map_idx)
            elif kind in ("key", "val"):
                field = "key_size" if kind == "key" else "value_size"
                size = mp[field] if mp and mp.get(field) else 8
                self.stack_ptr(r, True, size)
            elif kind in ("mem", "umem", "umem4", "umem8"):
                size = {"umem4": 4, "umem8": 8}.get(kind, rng.choice([4, 8, 16, 32]))
                if kind == "mem" and self.pkt_ok() and self.wild(0.15):
                    f = self.pick_field({"data"})
                    self.ldx(f[1], r, CTX_REG, f[0])  # an unchecked packet pointer
                    tag += ":pktarg"
                else:
                    self.stack_ptr(r, kind == "mem" or rng.random() < 0.3, size)
                sizes.append(size)
            elif kind == "size":
                self.mov_imm(r, sizes[-1] if sizes else 8)
            elif kind == "flags":
                self.mov_imm(r, 0)
            elif kind == "sock":
                if isinstance(self.r7, tuple) and self.r7[0] == "sock":
                    self.mov_reg(r, 7)
                    tag += ":r7sock"
                else:
                    f = self.pick_field({"sk"})
                    if f:
                        self.ldx(8, r, CTX_REG, f[0])
                        if not self.wild(0.3):
                            # skip the call when the context has no socket
                            guard = guard or self.a.new_label()
                            self.a.emit(JMP | JEQ | K, r, 0, 0, 0, target=guard)
                            tag += ":guarded"
                    else:
                        self.mov_reg(r, CTX_REG)
            elif kind == "rbmem":
                if isinstance(self.r7, tuple) and self.r7[0] == "mem":
                    self.mov_reg(r, 7)
                else:
                    self.random_arg(r)
            else:  # any
                if rng.random() < 0.7:
                    self.mov_imm(r, rng.choice([0, 1, 2, 4, 8, 14, 64, 100]))
                elif self.r7 == "scalar" or self.r8 == "scalar":
                    self.mov_reg(r, 7 if self.r7 == "scalar" else 8)
                else:
                    self.mov_imm(r, -1)
        self.call(fid)
        self.steps.append(f"call{fid}{tag}")
        r8 = self.r8
        self.use_r0(ret, mp)
        if guard:
            self.a.place(guard)
            if self.r8 != r8:
                self.r8 = None  # set on one path only

    def pkt_ok(self):
        return any(f[2] == "data" for f in self.fields)

    def use_r0(self, ret, mp):
        rng = self.rng
        if ret in ("map_value", "mem_nr"):
            checked = not self.wild(0.3)
            skip = self.a.new_label()
            if checked:
                self.a.emit(JMP | JEQ | K, 0, 0, 0, 0, target=skip)
            vs = mp["value_size"] if mp and mp.get("value_size") else 8
            if ret == "map_value" and checked and rng.random() < 0.25:
                return self.pass_value(mp, vs, skip)
            size = rng.choice([1, 4, 8])
            if self.wild(0.3):
                off = rng.choice([vs - size + 1, vs, -1])
            else:
                off = rng.choice([0, vs - size])
            if rng.random() < 0.5:
                self.ldx(size, 2, 0, off)
            else:
                self.st(size, 0, off, 3)
            self.a.place(skip)
            self.steps[-1] += f":{'nullchk' if checked else 'nocheck'}:{size}@{off}"
        elif ret in ("sock", "mem"):
            # a reference: keep it in r7, null-check, use it and release/submit it (or not)
            self.mov_reg(7, 0)
            self.r7 = (ret, True)
            skip = self.a.new_label()
            checked = not self.wild(0.3)
            if checked:
                self.a.emit(JMP | JEQ | K, 7, 0, 0, 0, target=skip)
            if ret == "sock" and rng.random() < 0.4:
                self.ldx(4, 2, 7, rng.choice([0, 4, 16, 24]))
            if ret == "mem" and rng.random() < 0.5:
                self.st(rng.choice([4, 8]), 7, rng.choice([0, 8]), 1)
            if not self.wild(0.4):
                self.mov_reg(1, 7)
                if ret == "sock":
                    self.call(86)
                else:
                    self.mov_imm(2, 0)
                    self.call(rng.choice([132, 133]))
                self.steps[-1] += ":released"
                self.r7 = None
            self.a.place(skip)
            self.steps[-1] += f":{'nullchk' if checked else 'nocheck'}"
        elif ret == "sock_nr":
            skip = self.a.new_label()
            if not self.wild(0.3):
                self.a.emit(JMP | JEQ | K, 0, 0, 0, 0, target=skip)
            self.ldx(4, 2, 0, rng.choice([0, 4, 8, 12, 16, 24]))
            self.a.place(skip)
        elif ret == "int" and rng.random() < 0.5:
            self.mov_reg(8, 0)
            self.r8 = "scalar"
        elif ret == "void" and self.wild(0.3):
            self.mov_reg(8, 0)  # r0 of a void helper is not readable
            self.r8 = "scalar"

    def pass_value(self, mp, vs, skip):
        """The non-null map value as another helper's memory argument: written back with
        map_update_elem, or filled by probe_read_kernel (its size from the value's, or more)."""
        rng = self.rng
        self.mov_reg(7, 0)
        self.r7 = None
        size = vs if not self.wild(0.4) else rng.choice([vs + 1, vs + 8, 0])
        if rng.random() < 0.5 and mp.get("key_size"):
            self.map_ref(1, self.maps.index(mp))
            self.stack_ptr(2, True, mp["key_size"])
            self.mov_reg(3, 7)
            self.mov_imm(4, 0)
            self.call(2)
            tag = "update"
        else:
            self.mov_reg(1, 7)
            self.mov_imm(2, size)
            self.mov_reg(3, 10)
            self.a.emit(ALU64 | ADD | K, 3, 0, 0, -8)
            self.call(113)
            tag = f"probe_read_kernel{size}"
        self.a.place(skip)
        self.steps[-1] += f":nullchk:pass_{tag}"

    # --- exit -------------------------------------------------------------------------------------
    def exit(self):
        rng = self.rng
        if self.wild(0.5):
            x = rng.random()
            if x < 0.3:
                v = rng.choice([2, 3, -1, 7, 0x7fffffff])
                self.mov_imm(0, v)
                self.steps.append(f"ret{v}")
            elif x < 0.5 and self.r8 == "scalar":
                self.mov_reg(0, 8)
                self.steps.append("ret_r8")
            elif x < 0.7:
                self.mov_reg(0, CTX_REG)
                self.steps.append("ret_ctx")
            elif x < 0.8:
                self.steps.append("ret_r0_as_is")
            else:
                self.call(7)
                self.steps.append("ret_prandom")
        else:
            x = rng.random()
            if x < 0.7:
                v = rng.choice([0, 1, 1])
                self.mov_imm(0, v)
                self.steps.append(f"ret{v}")
            elif x < 0.85 and self.r8 == "scalar":
                self.mov_reg(0, 8)
                self.a.emit(ALU64 | AND | K, 0, 0, 0, 1)
                self.steps.append("ret_r8&1")
            else:
                f = self.pick_field({"scalar"})
                if f:
                    self.ldx(f[1], 0, CTX_REG, f[0])
                    self.a.emit(ALU64 | AND | K, 0, 0, 0, 1)
                    self.steps.append("ret_field&1")
                else:
                    self.mov_imm(0, 0)
                    self.steps.append("ret0")
        self.a.emit(JMP | EXIT)


def choose_maps(rng):
    maps = [{"name": "values", "type": "array", "key_size": 4,
             "value_size": rng.choice([8, 16, 32, 48, 64]), "max_entries": 4, "role": "array"}]
    if rng.random() < 0.6:
        maps.append({"name": "table", "type": "hash", "key_size": rng.choice([4, 8, 16]),
                     "value_size": rng.choice([8, 16, 24, 32]), "max_entries": 16,
                     "role": "hash"})
    if rng.random() < 0.45:
        maps.append({"name": "events", "type": "ringbuf", "key_size": 0, "value_size": 0,
                     "max_entries": 4096, "role": "ringbuf"})
    if rng.random() < 0.25:
        maps.append({"name": "progs", "type": 3, "key_size": 4, "value_size": 4,
                     "max_entries": 4, "role": "prog_array"})
    if rng.random() < 0.2:
        maps.append({"name": "queue", "type": 22, "key_size": 0, "value_size": 8,
                     "max_entries": 16, "role": "queue"})
    if rng.random() < 0.2:
        maps.append({"name": "pcpu", "type": "percpu_array", "key_size": 4,
                     "value_size": rng.choice([8, 16, 32]), "max_entries": 2,
                     "role": "percpu_array"})
    if rng.random() < 0.15:
        # cgroup storage: key 8 (the cgroup inode id), no max_entries
        maps.append({"name": "cgstore", "type": 19, "key_size": 8,
                     "value_size": rng.choice([8, 16, 32]), "max_entries": 0,
                     "role": "cg_storage"})
    if rng.random() < 0.15:
        maps.append({"name": "stacks", "type": 7, "key_size": 4, "value_size": 64,
                     "max_entries": 16, "role": "stack_trace"})
    if rng.random() < 0.2:
        maps.append({"name": "perf", "type": 4, "key_size": 4, "value_size": 4,
                     "max_entries": 2, "role": "perf_event_array"})
    return maps


def generate(rng, asm):
    """Returns (prog_type, attach_type, maps with "role", insns bytes, intent)."""
    total = sum(p[5] for p in PROG_TYPES)
    x = rng.randrange(total)
    for ptype in PROG_TYPES:
        x -= ptype[5]
        if x < 0:
            break
    maps = choose_maps(rng)
    faulty = rng.random() < 0.5
    g = CtxHelpGen(rng, asm, maps, ptype, faulty)
    g.program()
    intent = ptype[0] + (":wild:" if faulty and not g.faults_left else ":") + ",".join(g.steps)
    return g.prog_type, g.attach, maps, asm.assemble(), intent
