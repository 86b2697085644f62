/* Images and samplers: clGetSupportedImageFormats, clCreateImage (1D, 1D
 * buffer, 2D, 3D), clCreateImage2D/3D, clEnqueueReadImage/WriteImage with
 * pitches, clEnqueueCopyImage, clEnqueueFillImage,
 * clEnqueueCopyImageToBuffer, clEnqueueCopyBufferToImage, clEnqueueMapImage,
 * clGetImageInfo, clCreateSampler, clCreateSamplerWithProperties,
 * clGetSamplerInfo, clRetainSampler/clReleaseSampler, image kernels. */
#include "common.h"

static cl_context ctx;
static cl_command_queue q;
static cl_device_id dev;

static const char *ksrc =
    "__kernel void sample_nearest(__read_only image2d_t img, sampler_t s, __global float4 *out)\n"
    "{\n"
    "    int x = get_global_id(0), y = get_global_id(1);\n"
    "    out[y * get_global_size(0) + x] = read_imagef(img, s, (int2)(x, y));\n"
    "}\n"
    "__kernel void sample_linear(__read_only image2d_t img, sampler_t s, __global float4 *out)\n"
    "{\n"
    "    int x = get_global_id(0), y = get_global_id(1);\n"
    "    float2 c = (float2)((x + 0.25f) / get_global_size(0), (y + 0.75f) / get_global_size(1));\n"
    "    out[y * get_global_size(0) + x] = read_imagef(img, s, c);\n"
    "}\n"
    "__constant sampler_t csamp = CLK_NORMALIZED_COORDS_FALSE | CLK_ADDRESS_CLAMP | CLK_FILTER_NEAREST;\n"
    "__kernel void sample_const(__read_only image2d_t img, __global uint4 *out)\n"
    "{\n"
    "    int x = get_global_id(0), y = get_global_id(1);\n"
    "    out[y * get_global_size(0) + x] = read_imageui(img, csamp, (int2)(x - 2, y - 2));\n"
    "}\n"
    "__kernel void invert(__read_only image2d_t src, __write_only image2d_t dst)\n"
    "{\n"
    "    int2 p = (int2)(get_global_id(0), get_global_id(1));\n"
    "    float4 v = read_imagef(src, p);\n"
    "    write_imagef(dst, p, (float4)(1.0f) - v);\n"
    "}\n";

static const char *chan_order_name(cl_channel_order o)
{
    switch (o) {
    case CL_R: return "CL_R";
    case CL_RG: return "CL_RG";
    case CL_RGBA: return "CL_RGBA";
    case CL_BGRA: return "CL_BGRA";
    case CL_A: return "CL_A";
    case CL_INTENSITY: return "CL_INTENSITY";
    case CL_LUMINANCE: return "CL_LUMINANCE";
    default: return "other";
    }
}

static void formats(void)
{
    printf("== clGetSupportedImageFormats\n");
    static const struct { cl_mem_object_type t; const char *n; } types[] = {
        { CL_MEM_OBJECT_IMAGE1D, "IMAGE1D" },
        { CL_MEM_OBJECT_IMAGE1D_BUFFER, "IMAGE1D_BUFFER" },
        { CL_MEM_OBJECT_IMAGE1D_ARRAY, "IMAGE1D_ARRAY" },
        { CL_MEM_OBJECT_IMAGE2D, "IMAGE2D" },
        { CL_MEM_OBJECT_IMAGE2D_ARRAY, "IMAGE2D_ARRAY" },
        { CL_MEM_OBJECT_IMAGE3D, "IMAGE3D" },
    };
    static const struct { cl_mem_flags f; const char *n; } flags[] = {
        { CL_MEM_READ_ONLY, "READ_ONLY" },
        { CL_MEM_WRITE_ONLY, "WRITE_ONLY" },
        { CL_MEM_READ_WRITE, "READ_WRITE" },
    };
    char what[128];
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
        for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
            cl_uint n = 0;
            snprintf(what, sizeof what, "clGetSupportedImageFormats(%s, %s, count)", types[t].n, flags[f].n);
            REP(what, clGetSupportedImageFormats(ctx, flags[f].f, types[t].t, 0, NULL, &n));
            cl_image_format *fmts = calloc(n + 1, sizeof *fmts);
            cl_uint n2 = 0;
            snprintf(what, sizeof what, "clGetSupportedImageFormats(%s, %s)", types[t].n, flags[f].n);
            REP(what, clGetSupportedImageFormats(ctx, flags[f].f, types[t].t, n, fmts, &n2));
            int rgba8 = 0, rf = 0, r8ui = 0;
            for (cl_uint i = 0; i < n2; i++) {
                rgba8 |= fmts[i].image_channel_order == CL_RGBA && fmts[i].image_channel_data_type == CL_UNORM_INT8;
                rf |= fmts[i].image_channel_order == CL_R && fmts[i].image_channel_data_type == CL_FLOAT;
                r8ui |= fmts[i].image_channel_order == CL_RGBA && fmts[i].image_channel_data_type == CL_UNSIGNED_INT8;
            }
            printf("  count=%u fetched=%u RGBA/UNORM_INT8=%s R/FLOAT=%s RGBA/UNSIGNED_INT8=%s\n", n, n2, YN(rgba8),
                   YN(rf), YN(r8ui));
            if (t == 3 && f == 0) {
                uint32_t h = clt_fnv(fmts, n2 * sizeof *fmts);
                printf("  format list checksum=%08x first=%s/0x%x\n", h, chan_order_name(fmts[0].image_channel_order),
                       fmts[0].image_channel_data_type);
            }
            free(fmts);
        }
    cl_uint n;
    REP("clGetSupportedImageFormats(bad image type)",
        clGetSupportedImageFormats(ctx, CL_MEM_READ_ONLY, CL_MEM_OBJECT_BUFFER, 0, NULL, &n));
    REP("clGetSupportedImageFormats(NULL context)",
        clGetSupportedImageFormats(NULL, CL_MEM_READ_ONLY, CL_MEM_OBJECT_IMAGE2D, 0, NULL, &n));
    cl_image_format one;
    REP("clGetSupportedImageFormats(num_entries 0, non-NULL formats)",
        clGetSupportedImageFormats(ctx, CL_MEM_READ_ONLY, CL_MEM_OBJECT_IMAGE2D, 0, &one, NULL));
}

static void image_info(cl_mem img, cl_mem expect_buffer)
{
    cl_image_format f;
    size_t v = 0;
    cl_uint u = 0;
    cl_mem b = NULL;
    REP("clGetImageInfo(CL_IMAGE_FORMAT)", clGetImageInfo(img, CL_IMAGE_FORMAT, sizeof f, &f, NULL));
    printf("  order=%s type=0x%x\n", chan_order_name(f.image_channel_order), f.image_channel_data_type);
#define IS(p)                                                     \
    REP("clGetImageInfo(" #p ")", clGetImageInfo(img, p, sizeof v, &v, NULL)); \
    printf("  value=%zu\n", v);
    IS(CL_IMAGE_ELEMENT_SIZE)
    IS(CL_IMAGE_ROW_PITCH)
    IS(CL_IMAGE_SLICE_PITCH)
    IS(CL_IMAGE_WIDTH)
    IS(CL_IMAGE_HEIGHT)
    IS(CL_IMAGE_DEPTH)
    IS(CL_IMAGE_ARRAY_SIZE)
#undef IS
    REP("clGetImageInfo(CL_IMAGE_BUFFER)", clGetImageInfo(img, CL_IMAGE_BUFFER, sizeof b, &b, NULL));
    printf("  has buffer=%s equals expected=%s\n", YN(b != NULL), YN(b == expect_buffer));
    REP("clGetImageInfo(CL_IMAGE_NUM_MIP_LEVELS)", clGetImageInfo(img, CL_IMAGE_NUM_MIP_LEVELS, sizeof u, &u, NULL));
    printf("  value=%u\n", u);
    REP("clGetImageInfo(CL_IMAGE_NUM_SAMPLES)", clGetImageInfo(img, CL_IMAGE_NUM_SAMPLES, sizeof u, &u, NULL));
    printf("  value=%u\n", u);
    cl_mem_object_type t = 0;
    REP("clGetMemObjectInfo(CL_MEM_TYPE)", clGetMemObjectInfo(img, CL_MEM_TYPE, sizeof t, &t, NULL));
    printf("  value=0x%x\n", t);
    size_t sz = 0;
    REP("clGetMemObjectInfo(CL_MEM_SIZE)", clGetMemObjectInfo(img, CL_MEM_SIZE, sizeof sz, &sz, NULL));
    printf("  value=%zu\n", sz);
    REP("clGetImageInfo(invalid param)", clGetImageInfo(img, 0x7fff, sizeof v, &v, NULL));
    REP("clGetImageInfo(CL_IMAGE_WIDTH, too small buffer)", clGetImageInfo(img, CL_IMAGE_WIDTH, 1, &v, NULL));
}

enum { W = 64, H = 32 };

static cl_mem image2d_tests(cl_mem *out_copy)
{
    printf("== 2D image RGBA/UNORM_INT8 %dx%d\n", W, H);
    cl_int err;
    cl_image_format fmt = { CL_RGBA, CL_UNORM_INT8 };
    cl_image_desc desc;
    memset(&desc, 0, sizeof desc);
    desc.image_type = CL_MEM_OBJECT_IMAGE2D;
    desc.image_width = W;
    desc.image_height = H;
    cl_mem img = clCreateImage(ctx, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
    OK("clCreateImage(2D)", err);
    image_info(img, NULL);

    /* write with a padded host row pitch */
    size_t hpitch = W * 4 + 40;
    unsigned char *src = calloc(hpitch * H, 1);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W * 4; x++)
            src[y * hpitch + x] = (unsigned char)(x * 3 + y * 17);
    size_t origin[3] = { 0, 0, 0 }, region[3] = { W, H, 1 };
    OK("clEnqueueWriteImage(blocking, row pitch 296)",
       clEnqueueWriteImage(q, img, CL_TRUE, origin, region, hpitch, 0, src, 0, NULL, NULL));
    /* read back a sub-region into a different pitch */
    size_t o2[3] = { 5, 3, 0 }, r2[3] = { 20, 10, 1 };
    size_t rpitch = 20 * 4 + 12;
    unsigned char *dst = calloc(rpitch * 10, 1);
    OK("clEnqueueReadImage(non-blocking, origin 5,3 region 20x10, row pitch 92)",
       clEnqueueReadImage(q, img, CL_FALSE, o2, r2, rpitch, 0, dst, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    int ok = 1;
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 80; x++)
            ok &= dst[y * rpitch + x] == src[(y + 3) * hpitch + 5 * 4 + x];
    printf("  region readback correct=%s\n", YN(ok));
    unsigned char *full = calloc(W * H * 4, 1);
    OK("clEnqueueReadImage(full, packed)", clEnqueueReadImage(q, img, CL_TRUE, origin, region, 0, 0, full, 0, NULL, NULL));
    printf("  image checksum=%08x\n", clt_fnv(full, W * H * 4));

    printf("== clEnqueueCopyImage\n");
    cl_mem img2 = clCreateImage(ctx, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
    OK("clCreateImage(2D)", err);
    float black[4] = { 0, 0, 0, 0 };
    OK("clEnqueueFillImage(zero)", clEnqueueFillImage(q, img2, black, origin, region, 0, NULL, NULL));
    size_t so[3] = { 0, 0, 0 }, doff[3] = { 16, 8, 0 }, cr[3] = { 32, 16, 1 };
    OK("clEnqueueCopyImage(32x16 to 16,8)", clEnqueueCopyImage(q, img, img2, so, doff, cr, 0, NULL, NULL));
    OK("clEnqueueReadImage", clEnqueueReadImage(q, img2, CL_TRUE, origin, region, 0, 0, full, 0, NULL, NULL));
    ok = 1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            for (int c = 0; c < 4; c++) {
                unsigned char e = 0;
                if (x >= 16 && x < 48 && y >= 8 && y < 24)
                    e = src[(y - 8) * hpitch + (x - 16) * 4 + c];
                ok &= full[(y * W + x) * 4 + c] == e;
            }
    printf("  copy correct=%s checksum=%08x\n", YN(ok), clt_fnv(full, W * H * 4));
    /* An out-of-bounds destination region is not exercised: PoCL 3.1 accepts
     * it (CL_SUCCESS) and performs the copy. */
    REP("clEnqueueCopyImage(overlap same image)",
        clEnqueueCopyImage(q, img, img, so, (size_t[3]){ 4, 4, 0 }, cr, 0, NULL, NULL));

    printf("== clEnqueueFillImage\n");
    float color[4] = { 1.0f, 0.5f, 0.25f, 0.0f };
    size_t fo[3] = { 10, 4, 0 }, fr[3] = { 8, 6, 1 };
    OK("clEnqueueFillImage(8x6 at 10,4)", clEnqueueFillImage(q, img2, color, fo, fr, 0, NULL, NULL));
    OK("clEnqueueReadImage", clEnqueueReadImage(q, img2, CL_TRUE, origin, region, 0, 0, full, 0, NULL, NULL));
    unsigned char *px = &full[(5 * W + 12) * 4];
    printf("  filled pixel=%u,%u,%u,%u checksum=%08x\n", px[0], px[1], px[2], px[3], clt_fnv(full, W * H * 4));
    REP("clEnqueueFillImage(NULL color)", clEnqueueFillImage(q, img2, NULL, fo, fr, 0, NULL, NULL));
    REP("clEnqueueFillImage(region out of bounds)",
        clEnqueueFillImage(q, img2, color, fo, (size_t[3]){ 60, 6, 1 }, 0, NULL, NULL));

    printf("== image <-> buffer copies\n");
    cl_mem buf = clCreateBuffer(ctx, CL_MEM_READ_WRITE, W * H * 4 + 64, NULL, &err);
    OK("clCreateBuffer", err);
    OK("clEnqueueCopyImageToBuffer(region 20x10 at 5,3 -> offset 64)",
       clEnqueueCopyImageToBuffer(q, img, buf, o2, r2, 64, 0, NULL, NULL));
    unsigned char *bb = calloc(20 * 10 * 4, 1);
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, buf, CL_TRUE, 64, 20 * 10 * 4, bb, 0, NULL, NULL));
    ok = 1;
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 80; x++)
            ok &= bb[y * 80 + x] == src[(y + 3) * hpitch + 5 * 4 + x];
    printf("  image to buffer correct=%s\n", YN(ok));
    OK("clEnqueueCopyBufferToImage(offset 64 -> 0,0 region 20x10)",
       clEnqueueCopyBufferToImage(q, buf, img2, 64, origin, r2, 0, NULL, NULL));
    OK("clEnqueueReadImage", clEnqueueReadImage(q, img2, CL_TRUE, origin, region, 0, 0, full, 0, NULL, NULL));
    ok = 1;
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 80; x++)
            ok &= full[y * W * 4 + x] == bb[y * 80 + x];
    printf("  buffer to image correct=%s checksum=%08x\n", YN(ok), clt_fnv(full, W * H * 4));
    REP("clEnqueueCopyImageToBuffer(buffer too small)",
        clEnqueueCopyImageToBuffer(q, img, buf, origin, region, 128, 0, NULL, NULL));
    REP("clEnqueueCopyBufferToImage(buffer too small)",
        clEnqueueCopyBufferToImage(q, buf, img2, 128, origin, region, 0, NULL, NULL));

    printf("== clEnqueueMapImage\n");
    size_t row_pitch = 0, slice_pitch = 77;
    cl_event mev;
    unsigned char *m = clEnqueueMapImage(q, img2, CL_FALSE, CL_MAP_READ | CL_MAP_WRITE, o2, r2, &row_pitch,
                                         &slice_pitch, 0, NULL, &mev, &err);
    OK("clEnqueueMapImage(non-blocking, region 20x10 at 5,3)", err);
    OK("clWaitForEvents", clWaitForEvents(1, &mev));
    REP("clReleaseEvent", clReleaseEvent(mev));
    printf("  row_pitch=%zu slice_pitch=%zu\n", row_pitch, slice_pitch);
    ok = 1;
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 80; x++)
            ok &= m[y * row_pitch + x] == full[(y + 3) * W * 4 + 20 + x];
    printf("  mapped contents correct=%s\n", YN(ok));
    for (int y = 0; y < 10; y++)
        memset(m + y * row_pitch, 0x77, 80);
    OK("clEnqueueUnmapMemObject", clEnqueueUnmapMemObject(q, img2, m, 0, NULL, NULL));
    OK("clEnqueueReadImage", clEnqueueReadImage(q, img2, CL_TRUE, origin, region, 0, 0, full, 0, NULL, NULL));
    printf("  after map write pixel(5,3)=%u checksum=%08x\n", full[(3 * W + 5) * 4], clt_fnv(full, W * H * 4));
    void *mbad = clEnqueueMapImage(q, img2, CL_TRUE, CL_MAP_READ, o2, r2, NULL, NULL, 0, NULL, NULL, &err);
    REP("clEnqueueMapImage(NULL row pitch)", err);
    (void)mbad;

    REP("clReleaseMemObject(buf)", clReleaseMemObject(buf));
    free(src);
    free(dst);
    free(full);
    free(bb);
    *out_copy = img2;
    return img;
}

static void image3d_1d_tests(void)
{
    cl_int err;
    printf("== 3D image R/FLOAT 16x8x4\n");
    cl_image_format fmt = { CL_R, CL_FLOAT };
    cl_image_desc d;
    memset(&d, 0, sizeof d);
    d.image_type = CL_MEM_OBJECT_IMAGE3D;
    d.image_width = 16;
    d.image_height = 8;
    d.image_depth = 4;
    cl_mem img = clCreateImage(ctx, CL_MEM_READ_WRITE, &fmt, &d, NULL, &err);
    OK("clCreateImage(3D)", err);
    image_info(img, NULL);
    size_t rp = 16 * 4 + 16, sp = rp * 8 + 64;
    float *src = calloc(sp * 4 / 4, sizeof(float));
    for (int z = 0; z < 4; z++)
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 16; x++)
                src[(z * sp + y * rp) / 4 + x] = (float)(x + y * 100 + z * 10000) * 0.5f;
    size_t origin[3] = { 0, 0, 0 }, region[3] = { 16, 8, 4 };
    OK("clEnqueueWriteImage(3D, row pitch 80, slice pitch 704)",
       clEnqueueWriteImage(q, img, CL_TRUE, origin, region, rp, sp, src, 0, NULL, NULL));
    float out[6 * 4 * 2];
    size_t o2[3] = { 3, 2, 1 }, r2[3] = { 6, 4, 2 };
    OK("clEnqueueReadImage(3D sub-volume, packed)",
       clEnqueueReadImage(q, img, CL_TRUE, o2, r2, 0, 0, out, 0, NULL, NULL));
    int ok = 1;
    for (int z = 0; z < 2; z++)
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 6; x++)
                ok &= out[z * 24 + y * 6 + x] == (float)((x + 3) + (y + 2) * 100 + (z + 1) * 10000) * 0.5f;
    printf("  sub-volume correct=%s checksum=%08x\n", YN(ok), clt_fnv(out, sizeof out));
    float fillc[4] = { 42.5f, 0, 0, 0 };
    OK("clEnqueueFillImage(3D 2x2x2 at 0,0,0)",
       clEnqueueFillImage(q, img, fillc, origin, (size_t[3]){ 2, 2, 2 }, 0, NULL, NULL));
    float v = 0;
    OK("clEnqueueReadImage(3D pixel 1,1,1)",
       clEnqueueReadImage(q, img, CL_TRUE, (size_t[3]){ 1, 1, 1 }, (size_t[3]){ 1, 1, 1 }, 0, 0, &v, 0, NULL, NULL));
    printf("  pixel=%.2f\n", v);
    REP("clEnqueueReadImage(3D region out of bounds)",
        clEnqueueReadImage(q, img, CL_TRUE, (size_t[3]){ 0, 0, 3 }, (size_t[3]){ 1, 1, 2 }, 0, 0, out, 0, NULL, NULL));
    REP("clReleaseMemObject", clReleaseMemObject(img));
    free(src);

    cl_image_format f3 = { CL_RGBA, CL_UNORM_INT8 };
    cl_mem i3 = clCreateImage3D(ctx, CL_MEM_READ_ONLY, &f3, 8, 8, 2, 0, 0, NULL, &err);
    REP("clCreateImage3D(8x8x2 deprecated)", err);
    if (err == CL_SUCCESS)
        REP("clReleaseMemObject", clReleaseMemObject(i3));
    cl_mem i2 = clCreateImage2D(ctx, CL_MEM_READ_ONLY, &f3, 8, 8, 0, NULL, &err);
    REP("clCreateImage2D(8x8 deprecated)", err);
    if (err == CL_SUCCESS)
        REP("clReleaseMemObject", clReleaseMemObject(i2));

    printf("== 1D image RGBA/UNSIGNED_INT8 128\n");
    cl_image_format f1 = { CL_RGBA, CL_UNSIGNED_INT8 };
    memset(&d, 0, sizeof d);
    d.image_type = CL_MEM_OBJECT_IMAGE1D;
    d.image_width = 128;
    unsigned char h1[128 * 4], r1[128 * 4];
    for (int i = 0; i < 512; i++)
        h1[i] = (unsigned char)(i ^ 0x5a);
    cl_mem one = clCreateImage(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, &f1, &d, h1, &err);
    OK("clCreateImage(1D, COPY_HOST_PTR)", err);
    image_info(one, NULL);
    memset(r1, 0, sizeof r1);
    OK("clEnqueueReadImage(1D)",
       clEnqueueReadImage(q, one, CL_TRUE, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 128, 1, 1 }, 0, 0, r1, 0, NULL, NULL));
    printf("  1D contents match=%s\n", YN(memcmp(h1, r1, sizeof h1) == 0));
    REP("clReleaseMemObject", clReleaseMemObject(one));

    printf("== 1D image from buffer\n");
    cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof h1, h1, &err);
    OK("clCreateBuffer", err);
    d.image_type = CL_MEM_OBJECT_IMAGE1D_BUFFER;
    d.buffer = b;
    cl_mem ib = clCreateImage(ctx, CL_MEM_READ_WRITE, &f1, &d, NULL, &err);
    if (REP("clCreateImage(1D buffer)", err) == CL_SUCCESS) {
        image_info(ib, b);
        cl_mem assoc = NULL;
        REP("clGetMemObjectInfo(CL_MEM_ASSOCIATED_MEMOBJECT)",
            clGetMemObjectInfo(ib, CL_MEM_ASSOCIATED_MEMOBJECT, sizeof assoc, &assoc, NULL));
        printf("  equals buffer=%s\n", YN(assoc == b));
        memset(r1, 0, sizeof r1);
        OK("clEnqueueReadImage(1D buffer)",
           clEnqueueReadImage(q, ib, CL_TRUE, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 128, 1, 1 }, 0, 0, r1, 0, NULL,
                              NULL));
        printf("  1D buffer image contents match=%s\n", YN(memcmp(h1, r1, sizeof h1) == 0));
        REP("clReleaseMemObject(image)", clReleaseMemObject(ib));
    }
    REP("clReleaseMemObject(buffer)", clReleaseMemObject(b));

    printf("== 2D image array\n");
    memset(&d, 0, sizeof d);
    d.image_type = CL_MEM_OBJECT_IMAGE2D_ARRAY;
    d.image_width = 8;
    d.image_height = 4;
    d.image_array_size = 3;
    cl_mem arr = clCreateImage(ctx, CL_MEM_READ_WRITE, &f1, &d, NULL, &err);
    if (REP("clCreateImage(2D array 8x4x3)", err) == CL_SUCCESS) {
        image_info(arr, NULL);
        REP("clReleaseMemObject", clReleaseMemObject(arr));
    }

    printf("== image creation errors\n");
    cl_image_format bad = { CL_RGBA, 0x7777 };
    memset(&d, 0, sizeof d);
    d.image_type = CL_MEM_OBJECT_IMAGE2D;
    d.image_width = 8;
    d.image_height = 8;
    cl_mem e;
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, &bad, &d, NULL, &err);
    REP("clCreateImage(bad channel type)", err);
    cl_image_format unsup = { CL_RGB, CL_UNORM_INT8 };
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, &unsup, &d, NULL, &err);
    REP("clCreateImage(RGB/UNORM_INT8)", err);
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, NULL, &d, NULL, &err);
    REP("clCreateImage(NULL format)", err);
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, &f3, NULL, NULL, &err);
    REP("clCreateImage(NULL descriptor)", err);
    d.image_width = 0;
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, &f3, &d, NULL, &err);
    REP("clCreateImage(width 0)", err);
    d.image_width = 1 << 20;
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, &f3, &d, NULL, &err);
    REP("clCreateImage(width beyond limit)", err);
    d.image_width = 8;
    d.image_type = CL_MEM_OBJECT_BUFFER;
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, &f3, &d, NULL, &err);
    REP("clCreateImage(image_type BUFFER)", err);
    d.image_type = CL_MEM_OBJECT_IMAGE2D;
    d.image_row_pitch = 8;
    unsigned char tmp[8 * 8 * 4];
    e = clCreateImage(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, &f3, &d, tmp, &err);
    if (REP("clCreateImage(row pitch smaller than row)", err) == CL_SUCCESS)
        clReleaseMemObject(e);
    d.image_row_pitch = 0;
    e = clCreateImage(ctx, CL_MEM_READ_WRITE, &f3, &d, tmp, &err);
    REP("clCreateImage(host_ptr without host flag)", err);
    (void)e;
}

static void sampler_info(cl_sampler s)
{
    cl_uint u = 0;
    cl_bool bo = 0;
    cl_context c = NULL;
    REP("clGetSamplerInfo(CL_SAMPLER_REFERENCE_COUNT)", clGetSamplerInfo(s, CL_SAMPLER_REFERENCE_COUNT, sizeof u, &u, NULL));
    printf("  value=%u\n", u);
    REP("clGetSamplerInfo(CL_SAMPLER_CONTEXT)", clGetSamplerInfo(s, CL_SAMPLER_CONTEXT, sizeof c, &c, NULL));
    printf("  equals context=%s\n", YN(c == ctx));
    REP("clGetSamplerInfo(CL_SAMPLER_NORMALIZED_COORDS)",
        clGetSamplerInfo(s, CL_SAMPLER_NORMALIZED_COORDS, sizeof bo, &bo, NULL));
    printf("  value=%u\n", bo);
    REP("clGetSamplerInfo(CL_SAMPLER_ADDRESSING_MODE)", clGetSamplerInfo(s, CL_SAMPLER_ADDRESSING_MODE, sizeof u, &u, NULL));
    printf("  value=0x%x\n", u);
    REP("clGetSamplerInfo(CL_SAMPLER_FILTER_MODE)", clGetSamplerInfo(s, CL_SAMPLER_FILTER_MODE, sizeof u, &u, NULL));
    printf("  value=0x%x\n", u);
    size_t sz = 0;
    REP("clGetSamplerInfo(CL_SAMPLER_PROPERTIES, size)", clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, 0, NULL, &sz));
    printf("  size=%zu\n", sz);
    if (sz) {
        cl_sampler_properties p[16] = { 0 };
        REP("clGetSamplerInfo(CL_SAMPLER_PROPERTIES)", clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, sizeof p, p, NULL));
        printf("  values=");
        for (size_t i = 0; i < sz / sizeof p[0]; i++)
            printf("%s0x%llx", i ? "," : "", (unsigned long long)p[i]);
        printf("\n");
    }
    REP("clGetSamplerInfo(invalid param)", clGetSamplerInfo(s, 0x7fff, sizeof u, &u, NULL));
}

static void kernels(cl_mem img, cl_mem img2)
{
    printf("== samplers and image kernels\n");
    cl_int err;
    cl_sampler s1 = clCreateSampler(ctx, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_NEAREST, &err);
    OK("clCreateSampler(unnormalized, CLAMP_TO_EDGE, NEAREST)", err);
    sampler_info(s1);
    cl_sampler_properties sp[] = { CL_SAMPLER_NORMALIZED_COORDS, CL_TRUE, CL_SAMPLER_ADDRESSING_MODE, CL_ADDRESS_REPEAT,
                                   CL_SAMPLER_FILTER_MODE, CL_FILTER_LINEAR, 0 };
    cl_sampler s2 = clCreateSamplerWithProperties(ctx, sp, &err);
    OK("clCreateSamplerWithProperties(normalized, REPEAT, LINEAR)", err);
    sampler_info(s2);
    REP("clRetainSampler", clRetainSampler(s2));
    cl_uint rc = 0;
    REP("clGetSamplerInfo(CL_SAMPLER_REFERENCE_COUNT)", clGetSamplerInfo(s2, CL_SAMPLER_REFERENCE_COUNT, sizeof rc, &rc, NULL));
    printf("  value=%u\n", rc);
    REP("clReleaseSampler", clReleaseSampler(s2));

    cl_sampler bs;
    bs = clCreateSampler(ctx, CL_FALSE, CL_ADDRESS_REPEAT, CL_FILTER_NEAREST, &err);
    REP("clCreateSampler(REPEAT with unnormalized coords)", err);
    if (err == CL_SUCCESS)
        clReleaseSampler(bs);
    bs = clCreateSampler(ctx, CL_FALSE, 0x7777, CL_FILTER_NEAREST, &err);
    if (REP("clCreateSampler(bad addressing mode)", err) == CL_SUCCESS)
        clReleaseSampler(bs);
    bs = clCreateSampler(ctx, CL_FALSE, CL_ADDRESS_CLAMP, 0x7777, &err);
    if (REP("clCreateSampler(bad filter mode)", err) == CL_SUCCESS)
        clReleaseSampler(bs);
    bs = clCreateSampler(NULL, CL_FALSE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err);
    REP("clCreateSampler(NULL context)", err);
    cl_sampler_properties spbad[] = { 0x7777, 0, 0 };
    bs = clCreateSamplerWithProperties(ctx, spbad, &err);
    REP("clCreateSamplerWithProperties(unknown property)", err);
    REP("clRetainSampler(NULL)", clRetainSampler(NULL));
    REP("clReleaseSampler(NULL)", clReleaseSampler(NULL));

    cl_program p = clt_build(ctx, dev, ksrc, "", "image kernels");
    cl_kernel kn = clt_kernel(p, "sample_nearest");
    cl_kernel kl = clt_kernel(p, "sample_linear");
    cl_kernel kc = clt_kernel(p, "sample_const");
    cl_kernel ki = clt_kernel(p, "invert");
    cl_mem out = clCreateBuffer(ctx, CL_MEM_READ_WRITE, W * H * 16, NULL, &err);
    OK("clCreateBuffer(out)", err);
    float *res = malloc(W * H * 16);
    size_t gws[2] = { W, H };

    OK("clSetKernelArg(sample_nearest, 0, image)", clSetKernelArg(kn, 0, sizeof img, &img));
    OK("clSetKernelArg(sample_nearest, 1, sampler)", clSetKernelArg(kn, 1, sizeof s1, &s1));
    OK("clSetKernelArg(sample_nearest, 2, buffer)", clSetKernelArg(kn, 2, sizeof out, &out));
    OK("clEnqueueNDRangeKernel(sample_nearest)", clEnqueueNDRangeKernel(q, kn, 2, NULL, gws, NULL, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, out, CL_TRUE, 0, W * H * 16, res, 0, NULL, NULL));
    printf("  nearest texel(3,2)=%.4f,%.4f,%.4f,%.4f checksum=%08x\n", res[(2 * W + 3) * 4], res[(2 * W + 3) * 4 + 1],
           res[(2 * W + 3) * 4 + 2], res[(2 * W + 3) * 4 + 3], clt_fnv(res, W * H * 16));

    OK("clSetKernelArg(sample_linear, 0, image)", clSetKernelArg(kl, 0, sizeof img, &img));
    OK("clSetKernelArg(sample_linear, 1, sampler)", clSetKernelArg(kl, 1, sizeof s2, &s2));
    OK("clSetKernelArg(sample_linear, 2, buffer)", clSetKernelArg(kl, 2, sizeof out, &out));
    OK("clEnqueueNDRangeKernel(sample_linear)", clEnqueueNDRangeKernel(q, kl, 2, NULL, gws, NULL, 0, NULL, NULL));
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, out, CL_TRUE, 0, W * H * 16, res, 0, NULL, NULL));
    printf("  linear texel(3,2)=%.4f,%.4f,%.4f,%.4f checksum=%08x\n", res[(2 * W + 3) * 4], res[(2 * W + 3) * 4 + 1],
           res[(2 * W + 3) * 4 + 2], res[(2 * W + 3) * 4 + 3], clt_fnv(res, W * H * 16));

    /* uint image for the constant sampler */
    cl_image_format fu = { CL_RGBA, CL_UNSIGNED_INT8 };
    cl_image_desc d;
    memset(&d, 0, sizeof d);
    d.image_type = CL_MEM_OBJECT_IMAGE2D;
    d.image_width = 8;
    d.image_height = 8;
    unsigned char hu[8 * 8 * 4];
    for (int i = 0; i < 256; i++)
        hu[i] = (unsigned char)(i + 1);
    cl_mem iu = clCreateImage(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, &fu, &d, hu, &err);
    OK("clCreateImage(2D uint, COPY_HOST_PTR)", err);
    OK("clSetKernelArg(sample_const, 0, image)", clSetKernelArg(kc, 0, sizeof iu, &iu));
    OK("clSetKernelArg(sample_const, 1, buffer)", clSetKernelArg(kc, 1, sizeof out, &out));
    size_t g8[2] = { 8, 8 };
    OK("clEnqueueNDRangeKernel(sample_const)", clEnqueueNDRangeKernel(q, kc, 2, NULL, g8, NULL, 0, NULL, NULL));
    cl_uint ures[8 * 8 * 4];
    OK("clEnqueueReadBuffer", clEnqueueReadBuffer(q, out, CL_TRUE, 0, sizeof ures, ures, 0, NULL, NULL));
    int ok = 1;
    for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            for (int c = 0; c < 4; c++) {
                int sx = x - 2, sy = y - 2;
                cl_uint e = (sx < 0 || sy < 0) ? (c == 3 ? 0u : 0u) : hu[(sy * 8 + sx) * 4 + c];
                ok &= ures[(y * 8 + x) * 4 + c] == e;
            }
    printf("  constant sampler (CLAMP border) correct=%s checksum=%08x\n", YN(ok), clt_fnv(ures, sizeof ures));

    OK("clSetKernelArg(invert, 0, image)", clSetKernelArg(ki, 0, sizeof img, &img));
    OK("clSetKernelArg(invert, 1, image)", clSetKernelArg(ki, 1, sizeof img2, &img2));
    OK("clEnqueueNDRangeKernel(invert)", clEnqueueNDRangeKernel(q, ki, 2, NULL, gws, NULL, 0, NULL, NULL));
    unsigned char *a = malloc(W * H * 4), *b = malloc(W * H * 4);
    size_t origin[3] = { 0, 0, 0 }, region[3] = { W, H, 1 };
    OK("clEnqueueReadImage(src)", clEnqueueReadImage(q, img, CL_TRUE, origin, region, 0, 0, a, 0, NULL, NULL));
    OK("clEnqueueReadImage(dst)", clEnqueueReadImage(q, img2, CL_TRUE, origin, region, 0, 0, b, 0, NULL, NULL));
    ok = 1;
    for (int i = 0; i < W * H * 4; i++)
        ok &= b[i] == 255 - a[i];
    printf("  invert kernel correct=%s checksum=%08x\n", YN(ok), clt_fnv(b, W * H * 4));

    /* Passing a buffer where a sampler or image is declared is not exercised:
     * PoCL 3.1 returns CL_SUCCESS instead of CL_INVALID_SAMPLER /
     * CL_INVALID_MEM_OBJECT. */

    REP("clReleaseMemObject", clReleaseMemObject(iu));
    REP("clReleaseMemObject", clReleaseMemObject(out));
    REP("clReleaseKernel", clReleaseKernel(kn));
    REP("clReleaseKernel", clReleaseKernel(kl));
    REP("clReleaseKernel", clReleaseKernel(kc));
    REP("clReleaseKernel", clReleaseKernel(ki));
    REP("clReleaseProgram", clReleaseProgram(p));
    REP("clReleaseSampler", clReleaseSampler(s1));
    REP("clReleaseSampler", clReleaseSampler(s2));
    free(res);
    free(a);
    free(b);
}

/* Reads and writes that must fail, and edge ones that must not, each blocking and
 * non-blocking: the status of a non-blocking one must be the library's own. (PoCL
 * 3.1 also accepts zero regions, rows shorter than the region, and regions past
 * the end of an image array, then touches memory outside the host buffer or the
 * image: those have no defined result to compare.) */
static void transfer_errors(void)
{
    printf("== image transfer errors\n");
    cl_int err;
    cl_image_format f = { CL_RGBA, CL_UNSIGNED_INT8 };
    cl_image_desc d2 = { .image_type = CL_MEM_OBJECT_IMAGE2D, .image_width = 16, .image_height = 8 };
    cl_image_desc d1 = { .image_type = CL_MEM_OBJECT_IMAGE1D, .image_width = 32 };
    cl_image_desc da = { .image_type = CL_MEM_OBJECT_IMAGE1D_ARRAY, .image_width = 8, .image_array_size = 3 };
    cl_image_desc d2a = { .image_type = CL_MEM_OBJECT_IMAGE2D_ARRAY, .image_width = 8, .image_height = 4, .image_array_size = 3 };
    cl_mem i2 = clCreateImage(ctx, CL_MEM_READ_WRITE, &f, &d2, NULL, &err);
    OK("clCreateImage(2D 16x8)", err);
    cl_mem i1 = clCreateImage(ctx, CL_MEM_READ_WRITE, &f, &d1, NULL, &err);
    OK("clCreateImage(1D 32)", err);
    cl_mem ia = clCreateImage(ctx, CL_MEM_READ_WRITE, &f, &da, NULL, &err);
    OK("clCreateImage(1D array 8x3)", err);
    cl_mem i2a = clCreateImage(ctx, CL_MEM_READ_WRITE, &f, &d2a, NULL, &err);
    OK("clCreateImage(2D array 8x4x3)", err);
    static unsigned char host[64 * 16 * 4 * 4];
    for (size_t i = 0; i < sizeof host; i++)
        host[i] = (unsigned char)(i * 13 + 1);
    /* the host cannot write it later: its pixels come with it, so reading it has a defined result */
    cl_mem ro = clCreateImage(ctx, CL_MEM_READ_WRITE | CL_MEM_HOST_READ_ONLY | CL_MEM_COPY_HOST_PTR, &f, &d2, host, &err);
    OK("clCreateImage(2D HOST_READ_ONLY)", err);
    cl_mem wo = clCreateImage(ctx, CL_MEM_READ_WRITE | CL_MEM_HOST_WRITE_ONLY, &f, &d2, NULL, &err);
    OK("clCreateImage(2D HOST_WRITE_ONLY)", err);
    cl_event none[1] = { NULL };
    struct {
        const char *what;
        cl_mem img;
        size_t origin[3], region[3], row, slice;
        int write, wait_null;
    } cases[] = {
        { "2D full", i2, { 0, 0, 0 }, { 16, 8, 1 }, 0, 0, 1, 0 },
        { "2D corner pixel", i2, { 15, 7, 0 }, { 1, 1, 1 }, 0, 0, 0, 0 },
        { "2D x out of bounds", i2, { 10, 0, 0 }, { 7, 1, 1 }, 0, 0, 0, 0 },
        { "2D y out of bounds", i2, { 0, 8, 0 }, { 1, 1, 1 }, 0, 0, 1, 0 },
        { "2D depth 2", i2, { 0, 0, 0 }, { 1, 1, 2 }, 0, 0, 1, 0 },
        { "2D origin z 1", i2, { 0, 0, 1 }, { 1, 1, 1 }, 0, 0, 0, 0 },
        { "2D row pitch wider", i2, { 0, 0, 0 }, { 16, 2, 1 }, 80, 0, 0, 0 },
        { "2D slice pitch given", i2, { 0, 0, 0 }, { 4, 2, 1 }, 0, 256, 1, 0 },
        { "2D wait list NULL event", i2, { 0, 0, 0 }, { 1, 1, 1 }, 0, 0, 0, 1 },
        { "1D full", i1, { 0, 0, 0 }, { 32, 1, 1 }, 0, 0, 1, 0 },
        { "1D height 2", i1, { 0, 0, 0 }, { 4, 2, 1 }, 0, 0, 0, 0 },
        { "1D origin y 1", i1, { 0, 1, 0 }, { 4, 1, 1 }, 0, 0, 1, 0 },
        { "1D array images 1-2", ia, { 0, 1, 0 }, { 8, 2, 1 }, 0, 0, 1, 0 },
        { "1D array image 3", ia, { 0, 2, 0 }, { 8, 1, 1 }, 0, 0, 0, 0 },
        { "2D array all slices", i2a, { 0, 0, 0 }, { 8, 4, 3 }, 0, 0, 1, 0 },
        { "2D array slices 1-2", i2a, { 0, 0, 1 }, { 8, 4, 2 }, 0, 0, 1, 0 },
        { "2D array slice 3", i2a, { 0, 0, 2 }, { 8, 4, 1 }, 0, 0, 0, 0 },
        { "2D array slice pitch wider", i2a, { 0, 0, 0 }, { 8, 4, 2 }, 32, 160, 0, 0 },
        { "HOST_READ_ONLY write", ro, { 0, 0, 0 }, { 1, 1, 1 }, 0, 0, 1, 0 },
        { "HOST_READ_ONLY read", ro, { 0, 0, 0 }, { 1, 1, 1 }, 0, 0, 0, 0 },
        { "HOST_WRITE_ONLY read", wo, { 0, 0, 0 }, { 1, 1, 1 }, 0, 0, 0, 0 },
        { "HOST_WRITE_ONLY write", wo, { 0, 0, 0 }, { 1, 1, 1 }, 0, 0, 1, 0 },
    };
    static unsigned char buf[64 * 16 * 4 * 4];
    char what[160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int blocking = 1; blocking >= 0; blocking--) {
            snprintf(what, sizeof what, "clEnqueue%sImage(%s, %s)", cases[i].write ? "Write" : "Read", cases[i].what,
                     blocking ? "blocking" : "non-blocking");
            memset(buf, 0, sizeof buf);
            cl_int e = cases[i].write
                ? clEnqueueWriteImage(q, cases[i].img, blocking, cases[i].origin, cases[i].region, cases[i].row,
                                      cases[i].slice, host, cases[i].wait_null, cases[i].wait_null ? none : NULL, NULL)
                : clEnqueueReadImage(q, cases[i].img, blocking, cases[i].origin, cases[i].region, cases[i].row,
                                     cases[i].slice, buf, cases[i].wait_null, cases[i].wait_null ? none : NULL, NULL);
            REP(what, e);
            if (!cases[i].write && e == CL_SUCCESS) {
                OK("clFinish", clFinish(q));
                printf("  checksum=%08x\n", clt_fnv(buf, sizeof buf));
            }
        }
    }
    REP("clEnqueueReadImage(NULL origin)", clEnqueueReadImage(q, i2, CL_FALSE, NULL, (size_t[3]){ 1, 1, 1 }, 0, 0, buf, 0, NULL, NULL));
    REP("clEnqueueReadImage(NULL ptr)", clEnqueueReadImage(q, i2, CL_FALSE, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 1, 1, 1 }, 0, 0, NULL, 0, NULL, NULL));
    REP("clEnqueueWriteImage(buffer as image)", clEnqueueWriteImage(q, NULL, CL_FALSE, (size_t[3]){ 0, 0, 0 }, (size_t[3]){ 1, 1, 1 }, 0, 0, host, 0, NULL, NULL));
    OK("clFinish", clFinish(q));
    cl_mem all[] = { i2, i1, ia, i2a, ro, wo };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        REP("clReleaseMemObject", clReleaseMemObject(all[i]));
}

int main(void)
{
    cl_platform_id plat;
    cl_int err;
    clt_first_device(&plat, &dev);
    cl_bool imgs = CL_FALSE;
    REP("clGetDeviceInfo(CL_DEVICE_IMAGE_SUPPORT)", clGetDeviceInfo(dev, CL_DEVICE_IMAGE_SUPPORT, sizeof imgs, &imgs, NULL));
    printf("  value=%s\n", imgs ? "CL_TRUE" : "CL_FALSE");
    if (!imgs) {
        printf("no image support\nDONE\n");
        return 0;
    }
    ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
    OK("clCreateContext", err);
    q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
    OK("clCreateCommandQueueWithProperties", err);

    formats();
    cl_mem img2 = NULL;
    cl_mem img = image2d_tests(&img2);
    image3d_1d_tests();
    transfer_errors();
    kernels(img, img2);
    REP("clReleaseMemObject", clReleaseMemObject(img));
    REP("clReleaseMemObject", clReleaseMemObject(img2));
    REP("clReleaseCommandQueue", clReleaseCommandQueue(q));
    REP("clReleaseContext", clReleaseContext(ctx));
    printf("DONE\n");
    return 0;
}
