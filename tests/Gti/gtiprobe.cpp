// Calls every function of the GTI spec against whatever libGTILibrary.so is loaded and prints what it answered, so a
// native run and a remoted run can be compared line by line. Usage: gtiprobe MODEL_FILE INPUT_FILE (the input of the
// model's size, 224 x 224 x 3 bytes).
#include <GTILib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <string>
#include <vector>

static std::vector<unsigned char> load(const char *path) {
    std::vector<unsigned char> bytes;
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    int c;
    while ((c = fgetc(f)) != EOF) bytes.push_back((unsigned char)c);
    fclose(f);
    return bytes;
}

static const char *show(const char *s) { return s ? s : "(null)"; }

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: gtiprobe MODEL_FILE INPUT_FILE\n"); return 2; }
    std::vector<unsigned char> model = load(argv[1]), input = load(argv[2]);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return 2;

    printf("GtiGetSDKVersion        %s\n", show(GtiGetSDKVersion()));
    GtiContext *context = GtiGetContext();
    GtiDevice *device = GtiGetDevice(context, "");
    printf("GtiGetDevice            %s\n", device ? "device" : "NULL");
    printf("  by platform name      %s\n", GtiGetDevice(context, "GTI-2803-reference") == device ? "the same device" : "another");
    printf("  unknown name          %s\n", GtiGetDevice(context, "no-such-platform") ? "device" : "NULL");
    printf("GtiGetAvailableDevice   %s\n", GtiGetAvailableDevice(context, GTI_DEVICE_VIRTUAL) == device ? "the same device" : "another");
    printf("  of another type       %s\n", GtiGetAvailableDevice(context, GTI_DEVICE_PCIE) ? "device" : "NULL");
    const char *name = GtiGetDeviceName(device);
    printf("GtiGetDeviceName        %s\n", show(name));
    printf("  asked again           %s\n", GtiGetDeviceName(device) == name ? "the same string" : "another string");
    printf("GtiGetDevicePlatformName %s\n", show(GtiGetDevicePlatformName(device)));
    printf("GtiGetDeviceType        %d\n", (int)GtiGetDeviceType(device));
    printf("GtiCheckDeviceStatus    %d\n", (int)GtiCheckDeviceStatus(device));

    unsigned char wrote[5] = { 1, 2, 3, 250, 251 }, read[16] = { 0 };
    printf("GtiDeviceWrite          %d\n", GtiDeviceWrite(device, wrote, sizeof wrote));
    int n = GtiDeviceRead(device, read, sizeof read);
    printf("GtiDeviceRead           %d:", n);
    for (int i = 0; i < 16; i++) printf(" %u", read[i]);
    printf("\n");

    printf("GtiLoadModel            %d\n", GtiLoadModel(device, argv[1], FC_MODE, 0));
    printf("  missing file          %d\n", GtiLoadModel(device, "no-such.model", FC_MODE, 0));
    // A path that is no regular file (an endless device, a folder) is no model: answered, never read forever.
    printf("  /dev/zero             %d\n", GtiLoadModel(device, "/dev/zero", FC_MODE, 0));
    printf("GtiLoadModel            %d\n", GtiLoadModel(device, argv[1], FC_MODE, 0));
    printf("GtiCheckDeviceStatus    %d\n", (int)GtiCheckDeviceStatus(device));
    printf("GtiChangeModelMode      %d\n", GtiChangeModelMode(device, SINGLE_MODE));
    printf("GtiChangeModelNetworkId %d\n", GtiChangeModelNetworkId(device, 2));
    printf("GtiGetOutputLength      %u\n", GtiGetOutputLength(device));
    unsigned char frame[8] = { 0 };
    printf("GtiHandleOneFrame       %d:", GtiHandleOneFrame(device, input.data(), (unsigned)input.size(), frame, sizeof frame));
    for (int i = 0; i < 8; i++) printf(" %u", frame[i]);
    printf("\n");
    float scores[4] = { 0 };
    printf("GtiHandleOneFrameFloat  %d:", GtiHandleOneFrameFloat(device, input.data(), (unsigned)input.size(), scores, 4));
    for (int i = 0; i < 4; i++) printf(" %.6f", scores[i]);
    printf("\n");
    printf("  too short an input    %d\n", GtiHandleOneFrame(device, input.data(), 100, frame, sizeof frame));

    GtiDevice *created = GtiDeviceCreate(GTI_DEVICE_VIRTUAL, argv[1], (char *)"");
    printf("GtiDeviceCreate         %s\n", created ? (created == device ? "the same device" : "a new device") : "NULL");
    printf("  name                  %s\n", show(GtiGetDeviceName(created)));
    printf("GtiInitialization       %d (closed)\n", GtiInitialization(created));
    printf("GtiOpenDevice           %d\n", GtiOpenDevice(created, (char *)"gti-reference-created"));
    printf("GtiInitialization       %d\n", GtiInitialization(created));
    GtiSelectNetwork(created, 1);
    printf("GtiSendImage            %d\n", GtiSendImage(created, input.data(), (unsigned)input.size()));
    unsigned char out[6] = { 0 };
    n = GtiGetOutputData(created, out, sizeof out);
    printf("GtiGetOutputData        %d:", n);
    for (int i = 0; i < 6; i++) printf(" %u", out[i]);
    printf("\n");
    std::vector<float> pixels(input.begin(), input.end());
    printf("GtiSendImageFloat       %d\n", GtiSendImageFloat(created, pixels.data(), (unsigned)pixels.size()));
    float outf[3] = { 0 };
    n = GtiGetOutputDataFloat(created, outf, 3);
    printf("GtiGetOutputDataFloat   %d: %.6f %.6f %.6f\n", n, outf[0], outf[1], outf[2]);
    printf("GtiSendTiledImage       %d\n", GtiSendTiledImage(created, input.data(), (unsigned)input.size()));
    GtiCloseDevice(created);
    GtiDeviceRelease(created);
    printf("GtiResetDevice          %d\n", GtiResetDevice(device));
    printf("GtiGetOutputData        %d (after reset)\n", GtiGetOutputData(device, out, sizeof out));
    printf("GtiUnlockDevice         %d\n", GtiUnlockDevice(device));

    GtiModel *fromFile = GtiCreateModel(argv[1]);
    printf("GtiCreateModel          %s\n", fromFile ? "model" : "NULL");
    printf("  missing file          %s\n", GtiCreateModel("no-such.model") ? "model" : "NULL");
    printf("  /dev/zero             %s\n", GtiCreateModel("/dev/zero") ? "model" : "NULL");
    printf("  a folder              %s\n", GtiCreateModel("/") ? "model" : "NULL");
    const char *result = GtiImageEvaluate(fromFile, (const char *)input.data(), 224, 224, 3);
    printf("GtiImageEvaluate        %.120s\n", show(result));
    printf("  asked again           %s\n", GtiImageEvaluate(fromFile, (const char *)input.data(), 224, 224, 3) == result ? "the same string" : "another string");
    printf("  of another size       %s\n", show(GtiImageEvaluate(fromFile, (const char *)input.data(), 100, 100, 3)));
    printf("GtiDestroyModel         %d\n", GtiDestroyModel(fromFile));

    GtiModel *m = GtiCreateModelFromBuffer(model.data(), (int)model.size());
    printf("GtiCreateModelFromBuffer %s\n", m ? "model" : "NULL");
    printf("  not a model           %s\n", GtiCreateModelFromBuffer(input.data(), 1000) ? "model" : "NULL");
    GtiTensor tensor;
    memset(&tensor, 0, sizeof tensor);
    tensor.height = 1; tensor.width = 1; tensor.depth = (int)input.size(); tensor.size = (int)input.size();
    tensor.buffer = input.data(); tensor.tag = (void *)0x2803;
    GtiTensor *output = GtiEvaluate(m, &tensor);
    printf("GtiEvaluate             %s\n", output ? "tensor" : "NULL");
    if (output) {
        printf("  width %d height %d depth %d size %d format %d tag %p\n", output->width, output->height, output->depth, output->size,
               (int)output->format, output->tag);
        printf("  buffer                %.80s\n", (const char *)output->buffer);
    }
    tensor.size = 1000;
    printf("  of another size       %s\n", GtiEvaluate(m, &tensor) ? "tensor" : "NULL");
    printf("GtiDestroyModel         %d\n", GtiDestroyModel(m));

    // A model file split into its parts and put together again, in this folder.
    std::string copy = std::string(cwd) + "/probe-copy.model", composed = std::string(cwd) + "/probe-composed.model";
    FILE *f = fopen(copy.c_str(), "wb");
    fwrite(model.data(), 1, model.size(), f);
    fclose(f);
    GtiDecomposeModelFile(copy.c_str());
    GtiComposeModelFile((copy + ".json").c_str(), composed.c_str());
    printf("GtiDecompose/ComposeModelFile %s\n", load(composed.c_str()) == model ? "the same model" : "another model");
    for (const char *suffix : { "", ".json", ".header", ".weights" }) remove((copy + suffix).c_str());
    remove(composed.c_str());
    return 0;
}
