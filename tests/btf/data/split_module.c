// A tiny "kernel module" whose BTF pahole encodes as split BTF on the shipped vmlinux BTF.
struct sk_buff;
struct list_head {
  struct list_head *next, *prev;
};
enum split_mode { SPLIT_OFF = 0, SPLIT_ON = 7 };
struct split_state {
  int counter;
  struct sk_buff *last;
  struct list_head link;
  enum split_mode mode;
  unsigned long flags;
};
struct split_state split_global;
int split_fn(struct split_state *state, int delta) {
  state->counter += delta;
  return state->mode == SPLIT_ON ? state->counter : 0;
}
