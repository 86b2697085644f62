/*
 * Reference implementation of the Gyrfalcon GTI SDK (GTILib.h, SDK 4.4.0.3 (2803)), built by the project as
 * libGTILibrary.so. No GTI chip or SDK library exists on the machines here; this one evaluates models of a documented
 * tiny format ("GTIR", written by make_model.c, Gti/README.md) deterministically, so that programs written against
 * the header run natively and through the drop-in. One virtual device, "gti-reference-0".
 * GTI_REFERENCE_TRACE=FILE appends one line per evaluation: FNV-1a hashes of the input and of the output.
 */
#include <GTILib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <string>
#include <vector>

namespace {

struct Model {
    uint32_t input_bytes = 0, grid = 0, classes = 0;
    std::vector<std::string> labels;
    std::vector<float> weights, biases;
};

/* Parses GTIR bytes; false for anything that is not exactly one model. */
bool parse(const unsigned char *p, size_t n, Model &m) {
    size_t at = 0;
    auto u32 = [&](uint32_t &v) { if (n - at < 4) return false; memcpy(&v, p + at, 4); at += 4; return true; };
    uint32_t version;
    if (n < 4 || memcmp(p, "GTIR", 4)) return false;
    at = 4;
    if (!u32(version) || version != 1 || !u32(m.input_bytes) || !u32(m.grid) || !u32(m.classes)) return false;
    if (m.grid == 0 || m.grid > m.input_bytes || m.classes == 0 || m.classes > 100000) return false;
    for (uint32_t i = 0; i < m.classes; i++) {
        uint32_t len;
        if (!u32(len) || len > n - at) return false;
        m.labels.emplace_back((const char *)p + at, len);
        at += len;
    }
    size_t floats = (size_t)m.classes * m.grid + m.classes;
    if ((n - at) != floats * 4) return false;
    m.weights.resize((size_t)m.classes * m.grid);
    m.biases.resize(m.classes);
    memcpy(m.weights.data(), p + at, m.weights.size() * 4);
    memcpy(m.biases.data(), p + at + m.weights.size() * 4, m.biases.size() * 4);
    return true;
}

/* The largest file taken as a model or its parts; far above any GTIR model the format can describe usefully. */
const off_t max_file_bytes = 64 << 20;

/* A model, its JSON and its parts are regular files: a device, a FIFO or /proc entry (which would read forever or
 * block) is no file of a model, and neither is one past max_file_bytes. */
bool load_file(const char *path, std::vector<unsigned char> &bytes) {
    struct stat st;
    // Asked before the open too: opening a FIFO with no writer blocks in the open itself.
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > max_file_bytes) {
        fclose(f);
        return false;
    }
    unsigned char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && bytes.size() + got <= (size_t)max_file_bytes) bytes.insert(bytes.end(), chunk, chunk + got);
    fclose(f);
    return true;
}

uint64_t fnv(const void *data, size_t n) {
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) { h ^= ((const unsigned char *)data)[i]; h *= 1099511628211ULL; }
    return h;
}

/* Softmax of weights . features + biases; features are the means of grid equal chunks of the input, over 255. */
std::vector<float> scores(const Model &m, const unsigned char *input) {
    std::vector<double> features(m.grid);
    size_t chunk = m.input_bytes / m.grid;
    for (uint32_t g = 0; g < m.grid; g++) {
        double sum = 0;
        for (size_t i = 0; i < chunk; i++) sum += input[g * chunk + i];
        features[g] = sum / (double)chunk / 255.0;
    }
    std::vector<float> y(m.classes);
    double max = -1e300, total = 0;
    std::vector<double> z(m.classes);
    for (uint32_t c = 0; c < m.classes; c++) {
        double v = m.biases[c];
        for (uint32_t g = 0; g < m.grid; g++) v += (double)m.weights[(size_t)c * m.grid + g] * features[g];
        z[c] = v;
        if (v > max) max = v;
    }
    for (uint32_t c = 0; c < m.classes; c++) { z[c] = exp(z[c] - max); total += z[c]; }
    for (uint32_t c = 0; c < m.classes; c++) y[c] = (float)(z[c] / total);
    return y;
}

/* The top five classes as GTI's JSON result. */
std::string json(const Model &m, const std::vector<float> &y) {
    std::vector<uint32_t> order(m.classes);
    for (uint32_t c = 0; c < m.classes; c++) order[c] = c;
    size_t top = m.classes < 5 ? m.classes : 5;
    for (size_t i = 0; i < top; i++)
        for (size_t j = i + 1; j < m.classes; j++)
            if (y[order[j]] > y[order[i]]) { uint32_t t = order[i]; order[i] = order[j]; order[j] = t; }
    std::string out = "{\"result\":[";
    char item[512];
    for (size_t i = 0; i < top; i++) {
        snprintf(item, sizeof item, "%s{\"index\":%u,\"label\":\"n%08u %s\",\"score\":%.6f}", i ? "," : "", order[i], order[i],
                 m.labels[order[i]].c_str(), y[order[i]]);
        out += item;
    }
    return out + "]}";
}

void trace(const void *in, size_t in_len, const void *out, size_t out_len) {
    const char *path = getenv("GTI_REFERENCE_TRACE");
    if (!path || !*path) return;
    FILE *f = fopen(path, "a");
    if (!f) return;
    fprintf(f, "evaluate input=%016llx (%zu bytes) output=%016llx (%zu bytes)\n", (unsigned long long)fnv(in, in_len), in_len,
            (unsigned long long)fnv(out, out_len), out_len);
    fclose(f);
}

} // namespace

class GtiContext { public: int unused = 0; };
class GtiModel {
public:
    Model model;
    GtiTensor output{};
    std::string result;
    std::string image_result;
};
class GtiDevice {
public:
    bool owned = false, open = false;
    Model model;
    bool has_model = false;
    int mode = 0, network = 0;
    std::vector<float> output;
    unsigned char scratch[4096] = {};
    unsigned int scratch_length = 0;
};

static GtiContext g_context;
static GtiDevice g_device;

extern "C" {

GtiModel *GtiCreateModelFromBuffer(void *modelBuffer, int size) {
    GtiModel *m = new GtiModel();
    if (!modelBuffer || size <= 0 || !parse((const unsigned char *)modelBuffer, (size_t)size, m->model)) { delete m; return nullptr; }
    return m;
}

GtiModel *GtiCreateModel(const char *modelFile) {
    std::vector<unsigned char> bytes;
    if (!load_file(modelFile, bytes) || bytes.empty()) return nullptr;
    return GtiCreateModelFromBuffer(bytes.data(), (int)bytes.size());
}

int GtiDestroyModel(GtiModel *model) { delete model; return 1; }

GtiTensor *GtiEvaluate(GtiModel *model, GtiTensor *input) {
    if (!model || !input || !input->buffer || input->size < 0 || (uint32_t)input->size != model->model.input_bytes) return nullptr;
    model->result = json(model->model, scores(model->model, (const unsigned char *)input->buffer));
    GtiTensor &o = model->output;
    o.width = 1; o.height = 1; o.depth = (int)model->result.size() + 1; o.stride = 0;
    o.buffer = (void *)model->result.c_str(); o.size = (int)model->result.size() + 1;
    o.format = TENSOR_FORMAT_JSON; o.tag = input->tag; o.next = nullptr; o.callbackFn = nullptr;
    trace(input->buffer, (size_t)input->size, o.buffer, (size_t)o.size);
    return &o;
}

int GtiEvaluateWithCallback(GtiModel *model, GtiTensor *input, GtiEvaluateCallBack fn) {
    GtiTensor *out = GtiEvaluate(model, input);
    if (out && fn) fn(model, "last", out);
    return 1;
}

const char *GtiImageEvaluate(GtiModel *model, const char *image, int height, int width, int depth) {
    if (!model || !image || height <= 0 || width <= 0 || depth <= 0 || (uint64_t)height * width * depth != model->model.input_bytes) return nullptr;
    /* Assigned in place: the string keeps its memory while its length fits, as a library answering into one buffer. */
    std::string result = json(model->model, scores(model->model, (const unsigned char *)image));
    model->image_result.assign(result.data(), result.size());
    trace(image, model->model.input_bytes, model->image_result.c_str(), model->image_result.size() + 1);
    return model->image_result.c_str();
}

/* A model file splits into its header and labels (FILE.header) and its weights (FILE.weights), named in FILE.json. */
void GtiDecomposeModelFile(const char *modelFile) {
    std::vector<unsigned char> bytes;
    Model m;
    if (!load_file(modelFile, bytes) || !parse(bytes.data(), bytes.size(), m)) return;
    size_t weights = ((size_t)m.classes * m.grid + m.classes) * 4, head = bytes.size() - weights;
    std::string base = modelFile;
    FILE *h = fopen((base + ".header").c_str(), "wb"), *w = fopen((base + ".weights").c_str(), "wb"), *j = fopen((base + ".json").c_str(), "w");
    if (h) { fwrite(bytes.data(), 1, head, h); fclose(h); }
    if (w) { fwrite(bytes.data() + head, 1, weights, w); fclose(w); }
    if (j) { fprintf(j, "{\"header\":\"%s.header\",\"weights\":\"%s.weights\"}\n", modelFile, modelFile); fclose(j); }
}

static std::string json_field(const std::string &text, const char *key) {
    std::string pattern = std::string("\"") + key + "\":\"";
    size_t at = text.find(pattern);
    if (at == std::string::npos) return "";
    at += pattern.size();
    size_t end = text.find('"', at);
    return end == std::string::npos ? "" : text.substr(at, end - at);
}

void GtiComposeModelFile(const char *jsonFile, const char *modelFile) {
    std::vector<unsigned char> text, head, weights;
    if (!load_file(jsonFile, text)) return;
    std::string s(text.begin(), text.end());
    if (!load_file(json_field(s, "header").c_str(), head) || !load_file(json_field(s, "weights").c_str(), weights)) return;
    FILE *f = fopen(modelFile, "wb");
    if (!f) return;
    fwrite(head.data(), 1, head.size(), f);
    fwrite(weights.data(), 1, weights.size(), f);
    fclose(f);
}

const char *GtiGetSDKVersion() { return "4.4.0.3 (2803) reference"; }

GtiContext *GtiGetContext() { return &g_context; }

void GtiRegisterDeviceEventCallBack(GtiContext *, GtiDeviceNotificationCallBack) {}
void GtiRemoveDeviceEventCallBack(GtiContext *, GtiDeviceNotificationCallBack) {}

GtiDevice *GtiGetDevice(GtiContext *context, const char *devicePlatformName) {
    if (context != &g_context) return nullptr;
    return !devicePlatformName || !*devicePlatformName || !strcmp(devicePlatformName, "GTI-2803-reference") ? &g_device : nullptr;
}

GtiDevice *GtiGetAvailableDevice(GtiContext *context, GTI_DEVICE_TYPE deviceType) {
    return context == &g_context && (deviceType == GTI_DEVICE_TYPE_ALL || deviceType == GTI_DEVICE_VIRTUAL) ? &g_device : nullptr;
}

/* Reads back what the last GtiDeviceWrite wrote (a 4096-byte register file); the count read. */
int GtiDeviceRead(GtiDevice *device, unsigned char *buffer, unsigned int length) {
    unsigned int n = length < device->scratch_length ? length : device->scratch_length;
    memcpy(buffer, device->scratch, n);
    return (int)n;
}

int GtiDeviceWrite(GtiDevice *device, unsigned char *buffer, unsigned int length) {
    unsigned int n = length < sizeof device->scratch ? length : (unsigned int)sizeof device->scratch;
    memcpy(device->scratch, buffer, n);
    device->scratch_length = n;
    return (int)n;
}

int GtiUnlockDevice(GtiDevice *) { return 1; }
int GtiResetDevice(GtiDevice *device) { device->output.clear(); device->scratch_length = 0; return 1; }
GTI_DEVICE_TYPE GtiGetDeviceType(GtiDevice *) { return GTI_DEVICE_VIRTUAL; }
const char *GtiGetDeviceName(GtiDevice *device) { return device == &g_device ? "gti-reference-0" : "gti-reference-created"; }
const char *GtiGetDevicePlatformName(GtiDevice *) { return "GTI-2803-reference"; }
GTI_DEVICE_STATUS GtiCheckDeviceStatus(GtiDevice *device) { return device->has_model ? GTI_DEVICE_STATUS_IDLE : GTI_DEVICE_STATUS_ADDED; }

static int load(GtiDevice *device, const char *path) {
    std::vector<unsigned char> bytes;
    Model m;
    if (!load_file(path, bytes) || !parse(bytes.data(), bytes.size(), m)) return 0;
    device->model = m; device->has_model = true; device->output.clear();
    return 1;
}

int GtiLoadModel(GtiDevice *device, const char *modelUrl, GTI_CHIP_MODE mode, int networkId) {
    device->mode = mode; device->network = networkId;
    return load(device, modelUrl);
}

int GtiChangeModelMode(GtiDevice *device, GTI_CHIP_MODE mode) { device->mode = mode; return 1; }
int GtiChangeModelNetworkId(GtiDevice *device, int networkId) { device->network = networkId; return 1; }

/* Evaluates an input of the model's size; the scores are the device's output. */
static int send(GtiDevice *device, const unsigned char *input, unsigned int length) {
    if (!device->has_model || length != device->model.input_bytes) return 0;
    device->output = scores(device->model, input);
    return 1;
}

int GtiHandleOneFrame(GtiDevice *device, unsigned char *inputBuffer, unsigned int inputLen, unsigned char *outputBuffer, unsigned int outLen) {
    if (!send(device, inputBuffer, inputLen)) return 0;
    for (unsigned int i = 0; i < outLen && i < device->output.size(); i++) outputBuffer[i] = (unsigned char)lrintf(device->output[i] * 255.0f);
    return 1;
}

int GtiHandleOneFrameFloat(GtiDevice *device, unsigned char *inputBuffer, unsigned int inputLen, float *outputBuffer, unsigned int outLen) {
    if (!send(device, inputBuffer, inputLen)) return 0;
    for (unsigned int i = 0; i < outLen && i < device->output.size(); i++) outputBuffer[i] = device->output[i];
    return 1;
}

unsigned int GtiGetOutputLength(GtiDevice *device) { return device->has_model ? device->model.classes : 0; }

GtiDevice *GtiDeviceCreate(int DeviceType, char *FilterFileName, char *ConfigFileName) {
    (void)ConfigFileName;
    if (DeviceType != GTI_DEVICE_TYPE_ALL && DeviceType != GTI_DEVICE_VIRTUAL) return nullptr;
    GtiDevice *d = new GtiDevice();
    d->owned = true;
    if (FilterFileName && *FilterFileName) load(d, FilterFileName);
    return d;
}

void GtiDeviceRelease(GtiDevice *Device) { if (Device && Device->owned) delete Device; }
int GtiOpenDevice(GtiDevice *Device, char *DeviceName) { (void)DeviceName; Device->open = true; return 1; }
void GtiCloseDevice(GtiDevice *Device) { Device->open = false; }
void GtiSelectNetwork(GtiDevice *Device, int NetworkId) { Device->network = NetworkId; }
int GtiInitialization(GtiDevice *Device) { return Device->open ? 1 : 0; }
int GtiSendImage(GtiDevice *Device, unsigned char *Image224Buffer, unsigned int BufferLen) { return send(Device, Image224Buffer, BufferLen); }
int GtiSendTiledImage(GtiDevice *Device, unsigned char *Image224Buffer, unsigned int BufferLen) { return send(Device, Image224Buffer, BufferLen); }

int GtiSendImageFloat(GtiDevice *Device, float *Image224Buffer, unsigned int BufferLen) {
    std::vector<unsigned char> bytes(BufferLen);
    for (unsigned int i = 0; i < BufferLen; i++) {
        float v = Image224Buffer[i] < 0 ? 0 : Image224Buffer[i] > 255 ? 255 : Image224Buffer[i];
        bytes[i] = (unsigned char)lrintf(v);
    }
    return send(Device, bytes.data(), BufferLen);
}

/* The last output's scores as bytes (score x 255) or floats; the count written. */
int GtiGetOutputData(GtiDevice *Device, unsigned char *OutputBuffer, unsigned int BufferLen) {
    unsigned int n = 0;
    for (; n < BufferLen && n < Device->output.size(); n++) OutputBuffer[n] = (unsigned char)lrintf(Device->output[n] * 255.0f);
    return (int)n;
}

int GtiGetOutputDataFloat(GtiDevice *Device, float *OutputBuffer, unsigned int BufferLen) {
    unsigned int n = 0;
    for (; n < BufferLen && n < Device->output.size(); n++) OutputBuffer[n] = Device->output[n];
    return (int)n;
}

} // extern "C"
