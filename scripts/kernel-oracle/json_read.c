/* A minimal recursive-descent JSON reader: enough for the oracle's raw-program lines. */
/* The test that links this file with LLVM gets _GNU_SOURCE from LLVM_DEFINITIONS already. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "json_read.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
  const char *p;
  char *err;
  size_t err_size;
  bool failed;
};

static void fail(struct parser *ps, const char *fmt, ...) {
  if (ps->failed)
    return;
  ps->failed = true;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ps->err, ps->err_size, fmt, ap);
  va_end(ap);
}

static void skip_ws(struct parser *ps) {
  while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
    ps->p++;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads a string after its opening quote. Escapes \uXXXX above 0xff are written as UTF-8. */
static char *parse_string(struct parser *ps) {
  size_t cap = 16, n = 0;
  char *s = malloc(cap);
  if (!s) {
    fail(ps, "out of memory");
    return NULL;
  }
  for (;;) {
    char c = *ps->p++;
    if (c == '\0') {
      fail(ps, "unterminated string");
      free(s);
      return NULL;
    }
    if (c == '"')
      break;
    unsigned cp = (unsigned char)c;
    if (c == '\\') {
      char e = *ps->p++;
      switch (e) {
      case '"':
        cp = '"';
        break;
      case '\\':
        cp = '\\';
        break;
      case '/':
        cp = '/';
        break;
      case 'b':
        cp = '\b';
        break;
      case 'f':
        cp = '\f';
        break;
      case 'n':
        cp = '\n';
        break;
      case 'r':
        cp = '\r';
        break;
      case 't':
        cp = '\t';
        break;
      case 'u': {
        cp = 0;
        for (int i = 0; i < 4; i++) {
          int d = hex_digit(*ps->p);
          if (d < 0) {
            fail(ps, "bad \\u escape");
            free(s);
            return NULL;
          }
          cp = cp * 16 + (unsigned)d;
          ps->p++;
        }
        break;
      }
      default:
        fail(ps, "bad escape \\%c", e ? e : '0');
        free(s);
        return NULL;
      }
    }
    if (n + 4 >= cap) {
      cap *= 2;
      char *grown = realloc(s, cap);
      if (!grown) {
        fail(ps, "out of memory");
        free(s);
        return NULL;
      }
      s = grown;
    }
    if (cp < 0x100) {
      s[n++] = (char)cp;
    } else if (cp < 0x800) {
      s[n++] = (char)(0xc0 | (cp >> 6));
      s[n++] = (char)(0x80 | (cp & 0x3f));
    } else {
      s[n++] = (char)(0xe0 | (cp >> 12));
      s[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
      s[n++] = (char)(0x80 | (cp & 0x3f));
    }
  }
  s[n] = '\0';
  return s;
}

static bool parse_value(struct parser *ps, struct jr_value *v, int depth);

static bool push_item(struct parser *ps, struct jr_value *v, size_t *cap) {
  if (v->count < *cap)
    return true;
  size_t ncap = *cap ? *cap * 2 : 4;
  struct jr_value *items = realloc(v->items, ncap * sizeof(*items));
  if (!items) {
    fail(ps, "out of memory");
    return false;
  }
  v->items = items;
  if (v->kind == JR_OBJECT) {
    char **keys = realloc(v->keys, ncap * sizeof(*keys));
    if (!keys) {
      fail(ps, "out of memory");
      return false;
    }
    v->keys = keys;
  }
  *cap = ncap;
  return true;
}

static bool parse_container(struct parser *ps, struct jr_value *v, int depth, char close) {
  size_t cap = 0;
  skip_ws(ps);
  if (*ps->p == close) {
    ps->p++;
    return true;
  }
  for (;;) {
    skip_ws(ps);
    if (!push_item(ps, v, &cap))
      return false;
    char *key = NULL;
    if (v->kind == JR_OBJECT) {
      if (*ps->p != '"') {
        fail(ps, "expected a key string");
        return false;
      }
      ps->p++;
      key = parse_string(ps);
      if (!key)
        return false;
      skip_ws(ps);
      if (*ps->p != ':') {
        free(key);
        fail(ps, "expected ':'");
        return false;
      }
      ps->p++;
    }
    struct jr_value *item = &v->items[v->count];
    memset(item, 0, sizeof(*item));
    if (v->kind == JR_OBJECT)
      v->keys[v->count] = key;
    v->count++;
    if (!parse_value(ps, item, depth + 1))
      return false;
    skip_ws(ps);
    if (*ps->p == ',') {
      ps->p++;
      continue;
    }
    if (*ps->p == close) {
      ps->p++;
      return true;
    }
    fail(ps, "expected ',' or '%c'", close);
    return false;
  }
}

static bool parse_number(struct parser *ps, struct jr_value *v) {
  const char *start = ps->p;
  if (*ps->p == '-')
    ps->p++;
  if (!isdigit((unsigned char)*ps->p)) {
    fail(ps, "unexpected character '%c'", *start ? *start : '0');
    return false;
  }
  while (isdigit((unsigned char)*ps->p))
    ps->p++;
  bool integer = true;
  if (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E') {
    integer = false;
    if (*ps->p == '.')
      ps->p++;
    while (isdigit((unsigned char)*ps->p))
      ps->p++;
    if (*ps->p == 'e' || *ps->p == 'E') {
      ps->p++;
      if (*ps->p == '+' || *ps->p == '-')
        ps->p++;
      while (isdigit((unsigned char)*ps->p))
        ps->p++;
    }
  }
  char *copy = strndup(start, (size_t)(ps->p - start));
  if (!copy) {
    fail(ps, "out of memory");
    return false;
  }
  v->kind = JR_NUMBER;
  v->number = strtod(copy, NULL);
  if (integer) {
    errno = 0;
    long long i = strtoll(copy, NULL, 10);
    v->is_integer = errno == 0;
    v->integer = i;
  }
  free(copy);
  return true;
}

static bool parse_value(struct parser *ps, struct jr_value *v, int depth) {
  if (depth > 64) {
    fail(ps, "nesting deeper than 64");
    return false;
  }
  skip_ws(ps);
  char c = *ps->p;
  if (c == '{' || c == '[') {
    ps->p++;
    v->kind = c == '{' ? JR_OBJECT : JR_ARRAY;
    return parse_container(ps, v, depth, c == '{' ? '}' : ']');
  }
  if (c == '"') {
    ps->p++;
    v->kind = JR_STRING;
    v->string = parse_string(ps);
    return v->string != NULL;
  }
  if (strncmp(ps->p, "true", 4) == 0 || strncmp(ps->p, "false", 5) == 0) {
    v->kind = JR_BOOL;
    v->boolean = c == 't';
    ps->p += v->boolean ? 4 : 5;
    return true;
  }
  if (strncmp(ps->p, "null", 4) == 0) {
    v->kind = JR_NULL;
    ps->p += 4;
    return true;
  }
  return parse_number(ps, v);
}

static void free_inner(struct jr_value *v) {
  free(v->string);
  for (size_t i = 0; i < v->count; i++) {
    free_inner(&v->items[i]);
    if (v->keys)
      free(v->keys[i]);
  }
  free(v->items);
  free(v->keys);
}

void jr_free(struct jr_value *v) {
  if (!v)
    return;
  free_inner(v);
  free(v);
}

struct jr_value *jr_parse(const char *text, char *err, size_t err_size) {
  struct parser ps = {.p = text, .err = err, .err_size = err_size};
  struct jr_value *v = calloc(1, sizeof(*v));
  if (!v) {
    snprintf(err, err_size, "out of memory");
    return NULL;
  }
  if (parse_value(&ps, v, 0)) {
    skip_ws(&ps);
    if (*ps.p)
      fail(&ps, "trailing characters after the JSON value");
  }
  if (ps.failed) {
    jr_free(v);
    return NULL;
  }
  return v;
}

const struct jr_value *jr_get(const struct jr_value *v, const char *key) {
  if (!v || v->kind != JR_OBJECT)
    return NULL;
  for (size_t i = 0; i < v->count; i++)
    if (strcmp(v->keys[i], key) == 0)
      return &v->items[i];
  return NULL;
}
