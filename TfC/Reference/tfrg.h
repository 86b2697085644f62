/*
 * Writers of the reference library's files (TfC/README.md): TFRG graphs and TFCK checkpoint indexes, little-endian,
 * a string as a u32 length and its bytes. Shared by the programs that generate them; every run writes the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static FILE *f;
static void u32(uint32_t v) { fwrite(&v, 4, 1, f); }
static void u64(uint64_t v) { fwrite(&v, 8, 1, f); }
static void str(const char *s) { u32((uint32_t)strlen(s)); fwrite(s, 1, strlen(s), f); }
static void node(const char *name, const char *op, int ninputs, const char **inputs, int nattrs) {
    str(name); str(op); u32((uint32_t)ninputs);
    for (int i = 0; i < ninputs; i++) str(inputs[i]);
    u32((uint32_t)nattrs);
}
static void attr_int(const char *key, int64_t v) { str(key); fputc('i', f); u64((uint64_t)v); }
static void attr_tensor(const char *key, uint32_t dtype, int nd, const int64_t *dims, const void *data, uint64_t bytes) {
    str(key); fputc('T', f); u32(dtype); u32((uint32_t)nd);
    for (int i = 0; i < nd; i++) u64((uint64_t)dims[i]);
    u64(bytes); fwrite(data, 1, bytes, f);
}
