/* hold: creates three avatest objects, says so, then blocks in a 3 s call: a guest to kill mid-call. */
#include "avatest.h"

#include <stdio.h>

int main(void)
{
    int held = 0;
    for (int i = 0; i < 3; i++) {
        int err = 0;
        if (at_object_create(i, &err) != NULL && err == AT_SUCCESS) {
            held++;
        }
    }
    printf("holding %d\n", held);
    fflush(stdout);
    return at_sleep_ms(3000) == AT_SUCCESS ? 0 : 1;
}
