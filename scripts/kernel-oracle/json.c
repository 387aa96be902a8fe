/* A minimal streaming JSON writer: keys, scalars and nesting with correct string escaping. */
#include "json.h"

#include <inttypes.h>

void json_init(struct json *j, FILE *out, bool pretty) {
  j->out = out;
  j->depth = 0;
  j->need_comma[0] = false;
  j->after_key = false;
  j->pretty = pretty;
}

static void newline(struct json *j) {
  if (!j->pretty)
    return;
  fputc('\n', j->out);
  for (int i = 0; i < j->depth; i++)
    fputs("  ", j->out);
}

/* Emits the separator that precedes a value (or a key) at the current depth. */
static void before_value(struct json *j) {
  if (j->after_key) {
    j->after_key = false;
    return;
  }
  if (j->depth > 0) {
    if (j->need_comma[j->depth])
      fputc(',', j->out);
    newline(j);
  }
  j->need_comma[j->depth] = true;
}

static void open(struct json *j, char c) {
  before_value(j);
  fputc(c, j->out);
  if (j->depth < 63)
    j->depth++;
  j->need_comma[j->depth] = false;
}

static void close(struct json *j, char c) {
  bool had_items = j->need_comma[j->depth];
  if (j->depth > 0)
    j->depth--;
  if (had_items)
    newline(j);
  fputc(c, j->out);
}

void json_begin_object(struct json *j) {
  open(j, '{');
}
void json_end_object(struct json *j) {
  close(j, '}');
}
void json_begin_array(struct json *j) {
  open(j, '[');
}
void json_end_array(struct json *j) {
  close(j, ']');
}

void json_string_n(struct json *j, const char *s, size_t n) {
  before_value(j);
  fputc('"', j->out);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"':
      fputs("\\\"", j->out);
      break;
    case '\\':
      fputs("\\\\", j->out);
      break;
    case '\n':
      fputs("\\n", j->out);
      break;
    case '\t':
      fputs("\\t", j->out);
      break;
    case '\r':
      fputs("\\r", j->out);
      break;
    default:
      /* Control bytes and bytes that are not ASCII are escaped, so a corrupt log
       * can never produce invalid UTF-8. */
      if (c < 0x20 || c >= 0x7f)
        fprintf(j->out, "\\u%04x", c);
      else
        fputc(c, j->out);
    }
  }
  fputc('"', j->out);
}

void json_string(struct json *j, const char *s) {
  if (!s) {
    json_null(j);
    return;
  }
  size_t n = 0;
  while (s[n])
    n++;
  json_string_n(j, s, n);
}

void json_key(struct json *j, const char *key) {
  json_string(j, key);
  fputs(j->pretty ? ": " : ":", j->out);
  j->after_key = true;
}

void json_int(struct json *j, int64_t v) {
  before_value(j);
  fprintf(j->out, "%" PRId64, v);
}

void json_uint(struct json *j, uint64_t v) {
  before_value(j);
  fprintf(j->out, "%" PRIu64, v);
}

void json_double(struct json *j, double v) {
  before_value(j);
  fprintf(j->out, "%.3f", v);
}

void json_bool(struct json *j, bool v) {
  before_value(j);
  fputs(v ? "true" : "false", j->out);
}

void json_null(struct json *j) {
  before_value(j);
  fputs("null", j->out);
}

void json_finish(struct json *j) {
  fputc('\n', j->out);
}
