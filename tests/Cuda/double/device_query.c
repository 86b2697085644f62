/* Initialises the driver and names its devices: what a program checks first, and what it sees on a machine
 * without a driver (cuInit's error, at once). */
#include <stdio.h>
#include "cuda_double.h"

int main(void)
{
    CUresult status = cuInit(0);
    printf("cuInit: %d\n", (int)status);
    if (status != CUDA_SUCCESS) {
        return 1;
    }
    int count = 0;
    status = cuDeviceGetCount(&count);
    printf("cuDeviceGetCount: %d count %d\n", (int)status, count);
    for (int i = 0; i < count; i++) {
        char name[128] = "";
        cuDeviceGetName(name, (int)sizeof name, i);
        printf("device %d: %s\n", i, name);
    }
    return 0;
}
