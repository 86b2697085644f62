/* A blocking read behind a user event that nobody sets: the program prints its pid and "waiting", then waits in
 * clEnqueueReadBuffer for ever; a test kills it there and checks that its worker does not outlive it (only the
 * guest could have set the event, so the worker fails it when the guest goes). Not a transcript program: it never
 * exits by itself. */
#include "common.h"
#include <unistd.h>

int main(void)
{
    cl_platform_id plat;
    cl_device_id dev;
    cl_int err;
    clt_first_device(&plat, &dev);
    cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);
    cl_int value = 7;
    cl_mem buffer = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof value, &value, &err);
    OK("clCreateBuffer", err);
    cl_event gate = clCreateUserEvent(ctx, &err);
    OK("clCreateUserEvent", err);
    printf("pid %d waiting\n", (int)getpid());
    fflush(stdout);
    cl_int out = 0;
    REP("clEnqueueReadBuffer(blocking, behind the user event)", clEnqueueReadBuffer(q, buffer, CL_TRUE, 0, sizeof out, &out, 1, &gate, NULL));
    return 1;
}
