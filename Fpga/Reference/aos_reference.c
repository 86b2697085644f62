/* REFERENCE IMPLEMENTATION of AmorphOS's client library (ava_aos_wrapper.h of ava-benchmarks/amorphos/f1_host) as
 * libava_aos_wrapper.so: a simulated F1 accelerator behind the control-register interface, so that AmorphOS clients
 * run where no FPGA and no AmorphOS daemon exist. It is not AmorphOS: there is no daemon, no scheduler, no FPGA image.
 *
 * Each client (ava_client_new's app id) gets its own accelerator: a file of 64-bit control registers (reads give what
 * was written, 0 when never written) with one application, the Bitcoin midstate miner of AvA's bitcoin client, on
 * registers 512 + 64 * i:
 *   512, 576, 640, 704   the SHA-256 midstate, 256 bits, low word first (state word A in the low 32 bits of 512)
 *   768, 832             the header's last 96 bits (merkle tail, time, bits: word 0 in the low 32 bits of 768)
 * Reading register 512 once all six are written returns the next golden nonce after the last one returned: the next
 * nonce whose double SHA-256 (first round from the midstate over the 96 bits, the nonce and padding; second round over
 * that hash) has its last state word's top 16 bits zero. That is a reduced difficulty, so that a nonce turns up in
 * about 65536 tries; every nonce the miner's full difficulty (the whole word zero) accepts is among them. Writing any
 * miner register restarts the search from nonce 0; writing register 896 restarts it from the nonce written. Status codes are aos_errcode's: 0 success, 4 (APP_DOES_NOT_EXIST) for a NULL handle.
 * AOS_REFERENCE_TRACE=FILE appends each register access to FILE (written by whichever process loaded the library). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGISTERS 1024
#define MINER_BASE 512
#define SUCCESS 0
#define APP_DOES_NOT_EXIST 4

struct aos_client_wrapper {
    uint64_t app_id;
    uint64_t regs[REGISTERS];
    uint64_t next_nonce; /* where the search goes on */
};

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

/* One SHA-256 compression of block w[0..15] into state s. */
static void compress(uint32_t s[8], const uint32_t block[16]) {
    uint32_t w[64], a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    memcpy(w, block, 64);
    for (int i = 16; i < 64; i++)
        w[i] = w[i - 16] + (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 7]
             + (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10));
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

/* The last state word of the double hash for one nonce, as the miner computes it. */
static uint32_t last_word(const struct aos_client_wrapper *c, uint32_t nonce) {
    uint32_t mid[8], block[16] = { 0 };
    for (int i = 0; i < 4; i++) {
        mid[2 * i] = (uint32_t)c->regs[(MINER_BASE + 64 * i) / 8 % REGISTERS];
        mid[2 * i + 1] = (uint32_t)(c->regs[(MINER_BASE + 64 * i) / 8 % REGISTERS] >> 32);
    }
    uint64_t d0 = c->regs[(MINER_BASE + 256) / 8 % REGISTERS], d1 = c->regs[(MINER_BASE + 320) / 8 % REGISTERS];
    block[0] = (uint32_t)d0; block[1] = (uint32_t)(d0 >> 32); block[2] = (uint32_t)d1;
    block[3] = nonce; block[4] = 0x80000000u; block[15] = 640;
    uint32_t first[8];
    memcpy(first, mid, sizeof first);
    compress(first, block);
    uint32_t second[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    uint32_t block2[16] = { 0 };
    memcpy(block2, first, sizeof first);
    block2[8] = 0x80000000u;
    block2[15] = 256;
    compress(second, block2);
    return second[7];
}

static void trace(const struct aos_client_wrapper *c, const char *what, uint64_t addr, uint64_t value) {
    const char *path = getenv("AOS_REFERENCE_TRACE");
    FILE *f = path && *path ? fopen(path, "a") : NULL;
    if (!f) return;
    fprintf(f, "app %llu %s %llu = %llu\n", (unsigned long long)c->app_id, what, (unsigned long long)addr, (unsigned long long)value);
    fclose(f);
}

/* Registers are addressed in bytes, 8 per register, within the file (the address wraps at its size). */
static uint64_t *reg(struct aos_client_wrapper *c, uint64_t addr) { return &c->regs[(addr / 8) % REGISTERS]; }

struct aos_client_wrapper *ava_client_new(uint64_t app_id) {
    struct aos_client_wrapper *c = calloc(1, sizeof *c);
    if (c) c->app_id = app_id;
    return c;
}

void ava_client_free(struct aos_client_wrapper *client_handle) { free(client_handle); }

int ava_cntrlreg_write(struct aos_client_wrapper *client_handle, uint64_t addr, uint64_t value) {
    if (!client_handle) return APP_DOES_NOT_EXIST;
    *reg(client_handle, addr) = value;
    if (addr >= MINER_BASE && addr <= MINER_BASE + 320 && (addr - MINER_BASE) % 64 == 0) client_handle->next_nonce = 0;
    if (addr == MINER_BASE + 384) client_handle->next_nonce = value & 0xFFFFFFFFu;
    trace(client_handle, "write", addr, value);
    return SUCCESS;
}

int ava_cntrlreg_read(struct aos_client_wrapper *client_handle, uint64_t addr, uint64_t *value) {
    if (!client_handle || !value) return APP_DOES_NOT_EXIST;
    uint64_t v = *reg(client_handle, addr);
    if (addr == MINER_BASE) {
        v = ~(uint64_t)0; /* no golden nonce left below 2^32 */
        for (uint64_t n = client_handle->next_nonce; n <= 0xFFFFFFFFu; n++) {
            if ((last_word(client_handle, (uint32_t)n) >> 16) == 0) {
                v = n;
                client_handle->next_nonce = n + 1;
                break;
            }
        }
        if (v == ~(uint64_t)0) client_handle->next_nonce = 0x100000000ull;
    }
    *value = v;
    trace(client_handle, "read", addr, v);
    return SUCCESS;
}
