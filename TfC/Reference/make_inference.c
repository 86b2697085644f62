/*
 * Writes the files of AvA's inference benchmark (ava-benchmarks/tensorflow/tensorflow_c/inference, inference_c.c) in
 * the reference library's formats (TfC/README.md), into DIR (the program reads ./files/exported):
 *   graph.pb      a TFRG graph with the names of the benchmark's own (example.py: output = dense(input, 1)): the
 *                 variables dense/kernel [2, 1] and dense/bias [1] with their Assign initializers under "init", and
 *                 the saver's save/Const, save/RestoreV2 (dense/bias, dense/kernel) and save/restore_all. The
 *                 initializers are constants (the reference has no random operations) and the saver has no SaveV2.
 *   my_model.*    a checkpoint: a TFCK index and a data file with the values of the benchmark's own checkpoint (bias 0,
 *                 kernel -0.1053, -0.7958, their float bits below), so input [1, 1] gives output -0.9012 once restored.
 *   checkpoint    the text file TensorFlow's saver writes beside them.
 * Usage: make_inference DIR
 */
#include <stdlib.h>

#include "tfrg.h"

enum { FLOAT = 1, INT32 = 3, STRING = 7 };

/* A TF_STRING tensor's bytes: the elements' u64 offsets, then each element as a varint length and its bytes. */
static size_t strings(unsigned char *out, int n, const char **values) {
    size_t at = 8 * (size_t)n;
    for (int i = 0; i < n; i++) {
        uint64_t offset = at - 8 * (size_t)n; memcpy(out + 8 * i, &offset, 8);
        out[at++] = (unsigned char)strlen(values[i]); /* every string here is shorter than 128 bytes */
        memcpy(out + at, values[i], strlen(values[i])); at += strlen(values[i]);
    }
    return at;
}
static void string_const(const char *name, int nd, int64_t n, const char **values) {
    unsigned char bytes[256]; size_t length = strings(bytes, (int)n, values);
    node(name, "Const", 0, NULL, 1); attr_tensor("value", STRING, nd, &n, bytes, length);
}
static FILE *open_in(const char *dir, const char *name) {
    char path[4096]; snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *file = fopen(path, "wb");
    if (!file) { perror(path); exit(1); }
    return file;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: make_inference DIR\n"); return 2; }
    const char *dir = argv[1];

    f = open_in(dir, "graph.pb");
    fwrite("TFRG", 1, 4, f); u32(1); u32(20);
    int64_t kdims[] = { 2, 1 }, bdims[] = { 1 }, two[] = { 2 };
    node("input", "Placeholder", 0, NULL, 1); attr_int("dtype", FLOAT);
    float kinit[] = { 0.5f, 0.25f }, binit[] = { 0.0f };
    node("dense/kernel/Initializer/random_uniform", "Const", 0, NULL, 1); attr_tensor("value", FLOAT, 2, kdims, kinit, sizeof kinit);
    node("dense/kernel", "VariableV2", 0, NULL, 1); attr_int("dtype", FLOAT);
    const char *kassign[] = { "dense/kernel", "dense/kernel/Initializer/random_uniform" }, *kread[] = { "dense/kernel" };
    node("dense/kernel/Assign", "Assign", 2, kassign, 0);
    node("dense/kernel/read", "Identity", 1, kread, 0);
    node("dense/bias/Initializer/zeros", "Const", 0, NULL, 1); attr_tensor("value", FLOAT, 1, bdims, binit, sizeof binit);
    node("dense/bias", "VariableV2", 0, NULL, 1); attr_int("dtype", FLOAT);
    const char *bassign[] = { "dense/bias", "dense/bias/Initializer/zeros" }, *bread[] = { "dense/bias" };
    node("dense/bias/Assign", "Assign", 2, bassign, 0);
    node("dense/bias/read", "Identity", 1, bread, 0);
    const char *mm[] = { "input", "dense/kernel/read" }, *ba[] = { "dense/MatMul", "dense/bias/read" }, *out[] = { "dense/BiasAdd" };
    node("dense/MatMul", "MatMul", 2, mm, 0);
    node("dense/BiasAdd", "BiasAdd", 2, ba, 0);
    node("output", "Identity", 1, out, 0);
    const char *init[] = { "^dense/kernel/Assign", "^dense/bias/Assign" };
    node("init", "NoOp", 2, init, 0);
    const char *model[] = { "model" }, *names[] = { "dense/bias", "dense/kernel" }, *slices[] = { "", "" };
    string_const("save/Const", 0, 1, model);
    string_const("save/RestoreV2/tensor_names", 1, 2, names);
    string_const("save/RestoreV2/shape_and_slices", 1, 2, slices);
    const char *restore[] = { "save/Const", "save/RestoreV2/tensor_names", "save/RestoreV2/shape_and_slices" };
    int32_t dtypes[] = { FLOAT, FLOAT };
    node("save/RestoreV2", "RestoreV2", 3, restore, 1); attr_tensor("dtypes", INT32, 1, two, dtypes, sizeof dtypes);
    const char *a0[] = { "dense/bias", "save/RestoreV2" }, *a1[] = { "dense/kernel", "save/RestoreV2:1" };
    node("save/Assign", "Assign", 2, a0, 0);
    node("save/Assign_1", "Assign", 2, a1, 0);
    const char *all[] = { "^save/Assign", "^save/Assign_1" };
    node("save/restore_all", "NoOp", 2, all, 0);
    fclose(f);

    /* The benchmark's checkpoint values, bit for bit. */
    uint32_t bias[] = { 0x00000000u }, kernel[] = { 0xbdd7d4d0u, 0xbf4bb832u };
    f = open_in(dir, "my_model.data-00000-of-00001");
    fwrite(bias, 1, sizeof bias, f); fwrite(kernel, 1, sizeof kernel, f);
    fclose(f);
    f = open_in(dir, "my_model.index");
    fwrite("TFCK", 1, 4, f); u32(1); u32(2);
    str("dense/bias"); u32(FLOAT); u32(1); u64(1); u64(0); u64(sizeof bias);
    str("dense/kernel"); u32(FLOAT); u32(2); u64(2); u64(1); u64(sizeof bias); u64(sizeof kernel);
    fclose(f);
    f = open_in(dir, "checkpoint");
    fputs("model_checkpoint_path: \"my_model\"\nall_model_checkpoint_paths: \"my_model\"\n", f);
    fclose(f);
    return 0;
}
