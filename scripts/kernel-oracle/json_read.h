/* A minimal JSON reader (one document into a tree) for the oracle's raw-program input. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum jr_kind { JR_NULL, JR_BOOL, JR_NUMBER, JR_STRING, JR_ARRAY, JR_OBJECT };

struct jr_value {
  enum jr_kind kind;
  bool boolean;
  double number;
  bool is_integer; /* the number was written without fraction or exponent */
  int64_t integer; /* its value when is_integer (and it fits) */
  char *string;    /* JR_STRING: NUL-terminated, escapes decoded (\u00XX as one byte) */
  size_t count;    /* JR_ARRAY / JR_OBJECT: number of items */
  struct jr_value *items;
  char **keys; /* JR_OBJECT: the key of each item */
};

/* Parses `text` (NUL-terminated). Returns NULL on a syntax error and puts a one-line reason
 * in `err` (at most `err_size` bytes). Nesting deeper than 64 levels is an error. */
struct jr_value *jr_parse(const char *text, char *err, size_t err_size);
void jr_free(struct jr_value *v);
/* The member `key` of an object, or NULL (also when `v` is not an object). */
const struct jr_value *jr_get(const struct jr_value *v, const char *key);
