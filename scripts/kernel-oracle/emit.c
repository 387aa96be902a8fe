/* JSON of what libbpf handed the kernel in one BPF_PROG_LOAD: attributes, instructions (map
 * fds named), func_info and line_info. */
#include "emit.h"

#include <linux/bpf.h>

static void emit_insns(struct json *j, const struct recorded_load *r) {
  json_key(j, "insns");
  json_begin_array(j);
  for (uint32_t i = 0; r->insns && i < r->insn_cnt; i++) {
    const struct bpf_insn *in = &r->insns[i];
    json_begin_object(j);
    bool pretty = j->pretty;
    j->pretty = false; /* one instruction per line */
    json_key(j, "code");
    json_uint(j, in->code);
    json_key(j, "dst");
    json_uint(j, in->dst_reg);
    json_key(j, "src");
    json_uint(j, in->src_reg);
    json_key(j, "off");
    json_int(j, in->off);
    /* Map fds are per-process: name the map instead, imm reads 0. */
    bool map_ref = in->code == (BPF_LD | BPF_IMM | BPF_DW) &&
                   (in->src_reg == BPF_PSEUDO_MAP_FD || in->src_reg == BPF_PSEUDO_MAP_VALUE);
    const char *map = map_ref ? recorded_map_name(r, in->imm) : NULL;
    json_key(j, "imm");
    json_int(j, map ? 0 : in->imm);
    if (map_ref) {
      json_key(j, "map");
      json_string(j, map);
    }
    json_end_object(j);
    j->pretty = pretty;
  }
  json_end_array(j);
  json_key(j, "func_info");
  json_begin_array(j);
  for (uint32_t i = 0; r->func_info && i < r->func_info_cnt; i++) {
    json_begin_object(j);
    bool pretty = j->pretty;
    j->pretty = false;
    json_key(j, "insn_off");
    json_uint(j, r->func_info[i].insn_off);
    json_key(j, "type_id");
    json_uint(j, r->func_info[i].type_id);
    json_end_object(j);
    j->pretty = pretty;
  }
  json_end_array(j);
  json_key(j, "line_info");
  json_begin_array(j);
  for (uint32_t i = 0; r->line_info && i < r->line_info_cnt; i++) {
    const struct bpf_line_info *l = &r->line_info[i];
    json_begin_object(j);
    bool pretty = j->pretty;
    j->pretty = false;
    json_key(j, "insn_off");
    json_uint(j, l->insn_off);
    json_key(j, "file_name_off");
    json_uint(j, l->file_name_off);
    json_key(j, "line_off");
    json_uint(j, l->line_off);
    json_key(j, "line");
    json_uint(j, BPF_LINE_INFO_LINE_NUM(l->line_col));
    json_key(j, "column");
    json_uint(j, BPF_LINE_INFO_LINE_COL(l->line_col));
    json_end_object(j);
    j->pretty = pretty;
  }
  json_end_array(j);
}

/* What libbpf handed the kernel for one program, beside its identity. */
void emit_load_attr(struct json *j, const struct recorded_load *r, bool with_insns) {
  json_key(j, "insn_cnt");
  json_uint(j, r->insn_cnt);
  json_key(j, "prog_flags");
  json_uint(j, r->attr.prog_flags);
  json_key(j, "attach_btf_id");
  json_uint(j, r->attr.attach_btf_id);
  json_key(j, "attach_btf_obj_fd_set");
  json_bool(j, r->attr.attach_btf_obj_fd != 0);
  json_key(j, "func_info_cnt");
  json_uint(j, r->func_info_cnt);
  json_key(j, "line_info_cnt");
  json_uint(j, r->line_info_cnt);
  if (with_insns)
    emit_insns(j, r);
}
