/* Checks the AmorphOS reference's miner against the miner's own test vector (ava_bitcoin_client.cpp: midstate
 * 228ea473..., data 2194261a..., "one expected output is 32'h0e33337a"): with the search started just before that
 * nonce (register 896), the next golden nonce must be it, and a second client's registers must be its own. */
#include <stdint.h>
#include <stdio.h>

struct aos_client_wrapper;
struct aos_client_wrapper *ava_client_new(uint64_t app_id);
void ava_client_free(struct aos_client_wrapper *client_handle);
int ava_cntrlreg_write(struct aos_client_wrapper *client_handle, uint64_t addr, uint64_t value);
int ava_cntrlreg_read(struct aos_client_wrapper *client_handle, uint64_t addr, uint64_t *value);

int main(void) {
    uint64_t midstate[4], data[2];
    sscanf("228ea4732a3c9ba860c009cda7252b9161a5e75ec8c582a5f106abb3af41f790", "%16lx%16lx%16lx%16lx", &midstate[3], &midstate[2], &midstate[1], &midstate[0]);
    sscanf("2194261a9395e64dbed17115", "%8lx%16lx", &data[1], &data[0]);
    struct aos_client_wrapper *miner = ava_client_new(1), *other = ava_client_new(2);
    uint64_t addr = 512;
    for (int i = 0; i < 4; i++, addr += 64) ava_cntrlreg_write(miner, addr, midstate[i]);
    for (int i = 0; i < 2; i++, addr += 64) ava_cntrlreg_write(miner, addr, data[i]);
    int s = ava_cntrlreg_write(miner, 896, 0x0e333300);
    uint64_t nonce = 0, mine = 0, theirs = 0;
    int r = ava_cntrlreg_read(miner, 512, &nonce);
    printf("write %d read %d nonce 0x%08llx\n", s, r, (unsigned long long)nonce);
    ava_cntrlreg_read(miner, 512, &nonce);
    printf("next nonce 0x%08llx\n", (unsigned long long)nonce);
    ava_cntrlreg_write(other, 8, 42);
    ava_cntrlreg_read(miner, 8, &mine);
    ava_cntrlreg_read(other, 8, &theirs);
    printf("register 8: client 1 %llu client 2 %llu\n", (unsigned long long)mine, (unsigned long long)theirs);
    printf("null handle read %d\n", ava_cntrlreg_read(NULL, 8, &mine));
    ava_client_free(other);
    ava_client_free(miner);
    return 0;
}
