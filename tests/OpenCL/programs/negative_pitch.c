/* Host pitches that step backwards, as ffmpeg passes them for a vertically flipped frame: the row pitch (or
 * slice pitch) is a size_t holding a negative number and ptr points at the LAST row (slice), so the library's
 * size_t arithmetic wraps and row y lies at ptr + y * pitch, before ptr. clEnqueueWriteImage / clEnqueueReadImage
 * on a 2D image (blocking and non-blocking), a 3D image and a 2D image array with negative slice pitches (and both
 * pitches negative), clEnqueueWriteBufferRect / clEnqueueReadBufferRect with a negative host row pitch, and the
 * pitches the library refuses. Prints status codes and checksums of what arrived, and whether the padding between
 * rows was left alone. */
#include "common.h"

#define W 16
#define H 8
#define D 4
#define PIXEL 4
#define ROW (W * PIXEL)
#define PITCH (ROW + 16) /* padded host rows */
#define SLICE (PITCH * H)
#define PAD 0xA5

static uint32_t fnv(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static size_t neg(size_t x) { return (size_t)0 - x; }

/* A host frame of d slices of H padded rows: pixel bytes from seed, padding PAD. */
static unsigned char *frame(size_t d, unsigned seed)
{
    unsigned char *f = malloc(SLICE * d);
    memset(f, PAD, SLICE * d);
    for (size_t z = 0; z < d; z++)
        for (size_t y = 0; y < H; y++)
            for (size_t x = 0; x < ROW; x++)
                f[z * SLICE + y * PITCH + x] = (unsigned char)(seed + z * 131 + y * 17 + x * 3);
    return f;
}

/* Checksum of the pixel bytes of a padded frame, rows and slices in memory order; and whether the padding is intact. */
static void report_frame(const char *what, const unsigned char *f, size_t d)
{
    uint32_t h = 2166136261u;
    int pad_ok = 1;
    for (size_t z = 0; z < d; z++)
        for (size_t y = 0; y < H; y++) {
            const unsigned char *row = f + z * SLICE + y * PITCH;
            for (size_t x = 0; x < ROW; x++)
                h = (h ^ row[x]) * 16777619u;
            for (size_t x = ROW; x < PITCH; x++)
                pad_ok &= row[x] == PAD;
        }
    printf("  %s: pixels %08x padding %s\n", what, h, pad_ok ? "intact" : "touched");
}

/* Reads the whole image tightly packed and prints its checksum. */
static void report_image(cl_command_queue q, cl_mem image, size_t d, const char *what)
{
    size_t origin[3] = {0, 0, 0}, region[3] = {W, H, d};
    unsigned char *tight = calloc(ROW * H * d, 1);
    REP("clEnqueueReadImage(tight)", clEnqueueReadImage(q, image, CL_TRUE, origin, region, 0, 0, tight, 0, NULL, NULL));
    printf("  %s: image %08x\n", what, fnv(tight, ROW * H * d));
    free(tight);
}

static cl_mem make_image(cl_context ctx, cl_mem_object_type type, size_t d)
{
    cl_image_format format = {CL_RGBA, CL_UNSIGNED_INT8};
    cl_image_desc desc = {0};
    desc.image_type = type;
    desc.image_width = W;
    desc.image_height = H;
    desc.image_depth = type == CL_MEM_OBJECT_IMAGE3D ? d : 1;
    desc.image_array_size = type == CL_MEM_OBJECT_IMAGE2D_ARRAY ? d : 1;
    cl_int err;
    cl_mem image = clCreateImage(ctx, CL_MEM_READ_WRITE, &format, &desc, NULL, &err);
    REP("clCreateImage", err);
    return image;
}

static void image_2d(cl_context ctx, cl_command_queue q)
{
    printf("2D image, negative row pitch\n");
    cl_mem image = make_image(ctx, CL_MEM_OBJECT_IMAGE2D, 1);
    size_t origin[3] = {0, 0, 0}, region[3] = {W, H, 1};
    unsigned char *src = frame(1, 1);
    unsigned char *last = src + PITCH * (H - 1);

    REP("clEnqueueWriteImage(blocking, row pitch -PITCH)",
        clEnqueueWriteImage(q, image, CL_TRUE, origin, region, neg(PITCH), 0, last, 0, NULL, NULL));
    report_image(q, image, 1, "flipped");

    unsigned char *dst = frame(1, 0);
    memset(dst, PAD, SLICE);
    REP("clEnqueueReadImage(blocking, row pitch -PITCH)",
        clEnqueueReadImage(q, image, CL_TRUE, origin, region, neg(PITCH), 0, dst + PITCH * (H - 1), 0, NULL, NULL));
    report_frame("read back flipped twice", dst, 1);
    printf("  same as written: %s\n", YN(memcmp(dst, src, SLICE) == 0));

    /* A sub-region: rows 2..5, columns 4..11, again from the last row up. */
    size_t sub_origin[3] = {4, 2, 0}, sub_region[3] = {8, 4, 1};
    unsigned char *other = frame(1, 77);
    REP("clEnqueueWriteImage(blocking, sub-region, row pitch -PITCH)",
        clEnqueueWriteImage(q, image, CL_TRUE, sub_origin, sub_region, neg(PITCH), 0, other + PITCH * 3, 0, NULL, NULL));
    report_image(q, image, 1, "sub-region written");

    /* Non-blocking: the bytes must be taken at once and arrive by clFinish / the event. */
    unsigned char *src2 = frame(1, 9);
    REP("clEnqueueWriteImage(non-blocking, row pitch -PITCH)",
        clEnqueueWriteImage(q, image, CL_FALSE, origin, region, neg(PITCH), 0, src2 + PITCH * (H - 1), 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    report_image(q, image, 1, "non-blocking write");

    memset(dst, PAD, SLICE);
    cl_event done;
    REP("clEnqueueReadImage(non-blocking, row pitch -PITCH)",
        clEnqueueReadImage(q, image, CL_FALSE, origin, region, neg(PITCH), 0, dst + PITCH * (H - 1), 0, NULL, &done));
    REP("clWaitForEvents", clWaitForEvents(1, &done));
    report_frame("non-blocking read", dst, 1);
    printf("  same as written: %s\n", YN(memcmp(dst, src2, SLICE) == 0));
    clReleaseEvent(done);

    memset(dst, PAD, SLICE);
    REP("clEnqueueReadImage(non-blocking, row pitch -PITCH, no event)",
        clEnqueueReadImage(q, image, CL_FALSE, origin, region, neg(PITCH), 0, dst + PITCH * (H - 1), 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    report_frame("non-blocking read, no event", dst, 1);

    free(src);
    free(src2);
    free(other);
    free(dst);
    clReleaseMemObject(image);
}

static void image_slices(cl_context ctx, cl_command_queue q, cl_mem_object_type type, const char *name)
{
    printf("%s, negative slice pitch\n", name);
    cl_mem image = make_image(ctx, type, D);
    size_t origin[3] = {0, 0, 0}, region[3] = {W, H, D};
    unsigned char *src = frame(D, 3);

    REP("clEnqueueWriteImage(blocking, slice pitch -SLICE)",
        clEnqueueWriteImage(q, image, CL_TRUE, origin, region, PITCH, neg(SLICE), src + SLICE * (D - 1), 0, NULL, NULL));
    report_image(q, image, D, "slices flipped");

    REP("clEnqueueWriteImage(blocking, row pitch -PITCH, slice pitch -SLICE)",
        clEnqueueWriteImage(q, image, CL_TRUE, origin, region, neg(PITCH), neg(SLICE), src + SLICE * D - PITCH, 0, NULL, NULL));
    report_image(q, image, D, "rows and slices flipped");

    /* Slice pitch 0 defaults to row pitch * height, in size_t: negative with a negative row pitch. */
    REP("clEnqueueWriteImage(blocking, row pitch -PITCH, slice pitch 0)",
        clEnqueueWriteImage(q, image, CL_TRUE, origin, region, neg(PITCH), 0, src + SLICE * D - PITCH, 0, NULL, NULL));
    report_image(q, image, D, "default slice pitch");

    unsigned char *dst = frame(D, 0);
    memset(dst, PAD, SLICE * D);
    REP("clEnqueueReadImage(blocking, slice pitch -SLICE)",
        clEnqueueReadImage(q, image, CL_TRUE, origin, region, PITCH, neg(SLICE), dst + SLICE * (D - 1), 0, NULL, NULL));
    report_frame("read back", dst, D);

    memset(dst, PAD, SLICE * D);
    REP("clEnqueueReadImage(non-blocking, row pitch -PITCH, slice pitch -SLICE)",
        clEnqueueReadImage(q, image, CL_FALSE, origin, region, neg(PITCH), neg(SLICE), dst + SLICE * D - PITCH, 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    report_frame("non-blocking read back", dst, D);
    printf("  same as written: %s\n", YN(memcmp(dst, src, SLICE * D) == 0));

    free(src);
    free(dst);
    clReleaseMemObject(image);
}

static void buffer_rect(cl_context ctx, cl_command_queue q)
{
    printf("buffer rectangles, negative host row pitch\n");
    cl_int err;
    unsigned char *tight = calloc(ROW * H * 2, 1);
    cl_mem buffer = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, ROW * H * 2, tight, &err);
    REP("clCreateBuffer", err);
    unsigned char *src = frame(2, 5);
    size_t zero[3] = {0, 0, 0}, region[3] = {ROW, H, 1}, region2[3] = {ROW, H, 2};

    REP("clEnqueueWriteBufferRect(blocking, host row pitch -PITCH)",
        clEnqueueWriteBufferRect(q, buffer, CL_TRUE, zero, zero, region, 0, 0, neg(PITCH), 0, src + PITCH * (H - 1), 0, NULL, NULL));
    REP("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffer, CL_TRUE, 0, ROW * H * 2, tight, 0, NULL, NULL));
    printf("  buffer %08x\n", fnv(tight, ROW * H * 2));

    /* Two slices, slice pitch 0: row pitch * height in size_t, so the second slice lies before the first too. */
    REP("clEnqueueWriteBufferRect(blocking, two slices, host row pitch -PITCH, host slice pitch 0)",
        clEnqueueWriteBufferRect(q, buffer, CL_TRUE, zero, zero, region2, 0, 0, neg(PITCH), 0, src + SLICE * 2 - PITCH, 0, NULL, NULL));
    REP("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffer, CL_TRUE, 0, ROW * H * 2, tight, 0, NULL, NULL));
    printf("  buffer %08x\n", fnv(tight, ROW * H * 2));

    /* A host origin: row (y + 1) from the last row up, 2 bytes in. */
    size_t host_origin[3] = {2, 1, 0}, small[3] = {ROW - 4, H - 2, 1};
    REP("clEnqueueWriteBufferRect(non-blocking, host origin, host row pitch -PITCH)",
        clEnqueueWriteBufferRect(q, buffer, CL_FALSE, zero, host_origin, small, 0, 0, neg(PITCH), 0, src + PITCH * (H - 1), 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    REP("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buffer, CL_TRUE, 0, ROW * H * 2, tight, 0, NULL, NULL));
    printf("  buffer %08x\n", fnv(tight, ROW * H * 2));

    unsigned char *dst = frame(2, 0);
    memset(dst, PAD, SLICE * 2);
    REP("clEnqueueReadBufferRect(blocking, two slices, host row pitch -PITCH)",
        clEnqueueReadBufferRect(q, buffer, CL_TRUE, zero, zero, region2, 0, 0, neg(PITCH), 0, dst + SLICE * 2 - PITCH, 0, NULL, NULL));
    report_frame("read back", dst, 2);

    memset(dst, PAD, SLICE * 2);
    REP("clEnqueueReadBufferRect(non-blocking, host origin, host row pitch -PITCH)",
        clEnqueueReadBufferRect(q, buffer, CL_FALSE, zero, host_origin, small, 0, 0, neg(PITCH), 0, dst + PITCH * (H - 1), 0, NULL, NULL));
    REP("clFinish", clFinish(q));
    printf("  read back: %08x\n", fnv(dst, SLICE * 2));

    /* What the library refuses: a negative host slice pitch given explicitly, a negative buffer pitch. */
    REP("clEnqueueWriteBufferRect(host row pitch -PITCH, host slice pitch -SLICE)",
        clEnqueueWriteBufferRect(q, buffer, CL_TRUE, zero, zero, region2, 0, 0, neg(PITCH), neg(SLICE), src + SLICE * 2 - PITCH, 0, NULL, NULL));
    REP("clEnqueueWriteBufferRect(host slice pitch -SLICE)",
        clEnqueueWriteBufferRect(q, buffer, CL_TRUE, zero, zero, region2, 0, 0, PITCH, neg(SLICE), src + SLICE, 0, NULL, NULL));
    REP("clEnqueueWriteBufferRect(buffer row pitch -ROW)",
        clEnqueueWriteBufferRect(q, buffer, CL_TRUE, zero, zero, region, neg(ROW), 0, PITCH, 0, src, 0, NULL, NULL));
    REP("clEnqueueReadBufferRect(buffer row pitch -ROW)",
        clEnqueueReadBufferRect(q, buffer, CL_TRUE, zero, zero, region, neg(ROW), 0, PITCH, 0, dst, 0, NULL, NULL));

    free(src);
    free(dst);
    free(tight);
    clReleaseMemObject(buffer);
}

int main(void)
{
    cl_platform_id platform;
    cl_device_id device;
    cl_int err;
    OK("clGetPlatformIDs", clGetPlatformIDs(1, &platform, NULL));
    OK("clGetDeviceIDs", clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL));
    cl_context ctx = clCreateContext(NULL, 1, &device, NULL, NULL, &err);
    OK("clCreateContext", err);
    cl_command_queue q = clCreateCommandQueueWithProperties(ctx, device, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);

    image_2d(ctx, q);
    image_slices(ctx, q, CL_MEM_OBJECT_IMAGE3D, "3D image");
    image_slices(ctx, q, CL_MEM_OBJECT_IMAGE2D_ARRAY, "2D image array");
    buffer_rect(ctx, q);

    clReleaseCommandQueue(q);
    clReleaseContext(ctx);
    printf("done\n");
    return 0;
}
