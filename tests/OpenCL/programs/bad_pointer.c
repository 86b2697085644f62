/* Hands the library an output pointer no program owns, as a buggy application would: natively the library's
 * write kills the program with SIGSEGV, and remoted the program must die the same way. */
#include "common.h"
#include <stdio.h>

int main(void)
{
    printf("before\n");
    fflush(stdout);
    cl_int status = clGetPlatformIDs(0, NULL, (cl_uint *)0x10);
    printf("clGetPlatformIDs returned %d\n", status);
    return 0;
}
