/*
 * Reference implementation of the TensorFlow C API (tensorflow/c/c_api.h, 1.x line), built by the project as
 * libtensorflow.so.1. No TensorFlow library exists on the machines here; this one executes small graphs of a few
 * operations deterministically, so that programs written against the header run natively and through the drop-in.
 * Its graph format ("TFRG", written by make_graph.c) and its operations are documented in TfC/README.md.
 * TF_REFERENCE_TRACE=FILE appends one line per TF_SessionRun: FNV-1a hashes of every input and output tensor.
 * TF_REFERENCE_SESSIONS=FILE appends one line per TF_NewSession and TF_DeleteSession: how many sessions are live.
 */
#include <tensorflow/c/c_api.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIMS 254

struct TF_Status { TF_Code code; char *msg; };
struct TF_Tensor {
    TF_DataType dtype; int ndims; int64_t *dims; void *data; size_t len;
    void (*deallocator)(void *, size_t, void *); void *arg;
};
typedef struct { char *key; char kind; int64_t i; float f; char *s; size_t slen; TF_Tensor *t; } Attr;
/* Inputs: the data inputs first, then the control inputs ("^name" in a graph), whose index is -1. */
struct TF_Operation {
    TF_Graph *graph; char *name, *op, *device; int ninputs, ndata; TF_Output *inputs; char **input_names;
    int nattrs; Attr *attrs; int shape_rank; int64_t *shape;
};
struct TF_Graph { int n, cap; TF_Operation **ops; };
struct TF_OperationDescription { TF_Graph *graph; TF_Operation *op; };
struct TF_SessionOptions { char *target; };
/* A session keeps the values of the graph's variables (VariableV2), set by Assign. */
struct TF_Session { TF_Graph *graph; int closed; int nvars; TF_Operation **var_ops; TF_Tensor **var_values; };
struct TF_ImportGraphDefOptions { char *prefix; };

static char *dup(const char *s, size_t n) { char *d = malloc(n + 1); memcpy(d, s, n); d[n] = 0; return d; }
static void set(TF_Status *s, TF_Code c, const char *fmt, const char *arg) {
    char buf[512];
    snprintf(buf, sizeof buf, fmt, arg ? arg : "");
    free(s->msg); s->code = c; s->msg = dup(buf, strlen(buf));
}

const char *TF_Version(void) { return "1.13.1-reference"; }

size_t TF_DataTypeSize(TF_DataType dt) {
    switch (dt) {
    case TF_FLOAT: case TF_INT32: case TF_UINT32: return 4;
    case TF_DOUBLE: case TF_INT64: case TF_UINT64: case TF_COMPLEX64: return 8;
    case TF_UINT8: case TF_INT8: case TF_BOOL: case TF_QINT8: case TF_QUINT8: return 1;
    case TF_INT16: case TF_UINT16: case TF_HALF: case TF_BFLOAT16: case TF_QINT16: case TF_QUINT16: return 2;
    case TF_COMPLEX128: return 16;
    case TF_QINT32: return 4;
    default: return 0;
    }
}

/* ---- Status ---- */
TF_Status *TF_NewStatus(void) { TF_Status *s = calloc(1, sizeof *s); s->msg = dup("", 0); return s; }
void TF_DeleteStatus(TF_Status *s) { if (s) { free(s->msg); free(s); } }
void TF_SetStatus(TF_Status *s, TF_Code code, const char *msg) { free(s->msg); s->code = code; s->msg = dup(msg, strlen(msg)); }
TF_Code TF_GetCode(const TF_Status *s) { return s->code; }
const char *TF_Message(const TF_Status *s) { return s->msg; }
static void ok(TF_Status *s) { TF_SetStatus(s, TF_OK, ""); }

/* ---- Buffers ---- */
static void free_bytes(void *data, size_t length) { (void)length; free(data); }
TF_Buffer *TF_NewBuffer(void) { return calloc(1, sizeof(TF_Buffer)); }
TF_Buffer *TF_NewBufferFromString(const void *proto, size_t proto_len) {
    TF_Buffer *b = TF_NewBuffer(); void *copy = malloc(proto_len ? proto_len : 1);
    memcpy(copy, proto, proto_len); b->data = copy; b->length = proto_len; b->data_deallocator = free_bytes; return b;
}
void TF_DeleteBuffer(TF_Buffer *b) { if (!b) return; if (b->data_deallocator) b->data_deallocator((void *)b->data, b->length); free(b); }
TF_Buffer TF_GetBuffer(TF_Buffer *b) { return *b; }

/* ---- Tensors ---- */
static int64_t elements(const int64_t *dims, int n) { int64_t e = 1; for (int i = 0; i < n; i++) e *= dims[i]; return e; }
TF_Tensor *TF_NewTensor(TF_DataType dt, const int64_t *dims, int num_dims, void *data, size_t len,
                        void (*deallocator)(void *, size_t, void *), void *arg) {
    size_t size = TF_DataTypeSize(dt);
    if (num_dims < 0 || num_dims > MAX_DIMS || (size && (size_t)elements(dims, num_dims) * size != len)) {
        if (deallocator) deallocator(data, len, arg);
        return NULL;
    }
    TF_Tensor *t = calloc(1, sizeof *t);
    t->dtype = dt; t->ndims = num_dims; t->dims = malloc(sizeof(int64_t) * (num_dims ? num_dims : 1));
    if (num_dims) memcpy(t->dims, dims, sizeof(int64_t) * num_dims);
    t->data = data; t->len = len; t->deallocator = deallocator; t->arg = arg;
    return t;
}
static void free_aligned(void *data, size_t len, void *arg) { (void)len; (void)arg; free(data); }
TF_Tensor *TF_AllocateTensor(TF_DataType dt, const int64_t *dims, int num_dims, size_t len) {
    size_t room = (len + 63) / 64 * 64;
    void *data = aligned_alloc(64, room > 0 ? room : 64);
    return TF_NewTensor(dt, dims, num_dims, data, len, free_aligned, NULL);
}
TF_Tensor *TF_TensorMaybeMove(TF_Tensor *t) { (void)t; return NULL; }
void TF_DeleteTensor(TF_Tensor *t) { if (!t) return; if (t->deallocator) t->deallocator(t->data, t->len, t->arg); free(t->dims); free(t); }
TF_DataType TF_TensorType(const TF_Tensor *t) { return t->dtype; }
int TF_NumDims(const TF_Tensor *t) { return t->ndims; }
int64_t TF_Dim(const TF_Tensor *t, int i) { return t->dims[i]; }
size_t TF_TensorByteSize(const TF_Tensor *t) { return t->len; }
void *TF_TensorData(const TF_Tensor *t) { return t->data; }
int64_t TF_TensorElementCount(const TF_Tensor *t) { return elements(t->dims, t->ndims); }
static TF_Tensor *copy_tensor(const TF_Tensor *t) {
    TF_Tensor *c = TF_AllocateTensor(t->dtype, t->dims, t->ndims, t->len);
    if (c) memcpy(c->data, t->data, t->len);
    return c;
}

/* ---- Strings: a varint length, then the bytes ---- */
static size_t varint_bytes(size_t v) { size_t n = 1; while (v >= 0x80) { v >>= 7; n++; } return n; }
size_t TF_StringEncodedSize(size_t len) { return varint_bytes(len) + len; }
size_t TF_StringEncode(const char *src, size_t src_len, char *dst, size_t dst_len, TF_Status *status) {
    size_t need = TF_StringEncodedSize(src_len);
    if (dst_len < need) { set(status, TF_INVALID_ARGUMENT, "dst_len is smaller than the encoded size%s", ""); return 0; }
    size_t v = src_len, i = 0;
    while (v >= 0x80) { dst[i++] = (char)(v | 0x80); v >>= 7; }
    dst[i++] = (char)v; memcpy(dst + i, src, src_len); ok(status);
    return need;
}
size_t TF_StringDecode(const char *src, size_t src_len, const char **dst, size_t *dst_len, TF_Status *status) {
    size_t v = 0, i = 0; int shift = 0;
    for (;;) {
        if (i >= src_len || shift > 63) { set(status, TF_INVALID_ARGUMENT, "invalid string encoding or truncated src buffer%s", ""); return 0; }
        unsigned char b = (unsigned char)src[i++]; v |= (size_t)(b & 0x7f) << shift; shift += 7;
        if (!(b & 0x80)) break;
    }
    if (v > src_len - i) { set(status, TF_INVALID_ARGUMENT, "invalid string encoding or truncated src buffer%s", ""); return 0; }
    *dst = src + i; *dst_len = v; ok(status);
    return i + v;
}

/* ---- Session options ---- */
TF_SessionOptions *TF_NewSessionOptions(void) { TF_SessionOptions *o = calloc(1, sizeof *o); o->target = dup("", 0); return o; }
void TF_SetTarget(TF_SessionOptions *o, const char *target) { free(o->target); o->target = dup(target, strlen(target)); }
void TF_SetConfig(TF_SessionOptions *o, const void *proto, size_t proto_len, TF_Status *status) {
    (void)o; (void)proto;
    /* The reference has no configuration: an empty ConfigProto is the only one it takes. */
    if (proto_len) set(status, TF_UNIMPLEMENTED, "the reference library takes only an empty ConfigProto%s", ""); else ok(status);
}
void TF_DeleteSessionOptions(TF_SessionOptions *o) { if (o) { free(o->target); free(o); } }

/* ---- Graphs and operations ---- */
TF_Graph *TF_NewGraph(void) { return calloc(1, sizeof(TF_Graph)); }
static void free_attr(Attr *a) { free(a->key); free(a->s); TF_DeleteTensor(a->t); }
static void free_op(TF_Operation *op) {
    free(op->name); free(op->op); free(op->device); free(op->inputs);
    for (int i = 0; i < op->ninputs; i++) free(op->input_names[i]);
    free(op->input_names);
    for (int i = 0; i < op->nattrs; i++) free_attr(&op->attrs[i]);
    free(op->attrs); free(op->shape); free(op);
}
void TF_DeleteGraph(TF_Graph *g) { if (!g) return; for (int i = 0; i < g->n; i++) free_op(g->ops[i]); free(g->ops); free(g); }
TF_Operation *TF_GraphOperationByName(TF_Graph *g, const char *name) {
    for (int i = 0; i < g->n; i++) if (!strcmp(g->ops[i]->name, name)) return g->ops[i];
    return NULL;
}
TF_Operation *TF_GraphNextOperation(TF_Graph *g, size_t *pos) { return *pos < (size_t)g->n ? g->ops[(*pos)++] : NULL; }
static Attr *attr(const TF_Operation *op, const char *key);
/* RestoreV2 has one output per entry of its "dtypes" list (an int32 tensor attribute); NoOp has none. */
static int num_outputs(const TF_Operation *op) {
    if (!strcmp(op->op, "NoOp")) return 0;
    if (!strcmp(op->op, "RestoreV2")) { Attr *a = attr(op, "dtypes"); return a && a->t && a->t->dtype == TF_INT32 && a->t->ndims == 1 ? (int)a->t->dims[0] : 0; }
    return 1;
}
int TF_OperationNumOutputs(TF_Operation *op) { return num_outputs(op); }
int TF_OperationNumInputs(TF_Operation *op) { return op->ndata; }
const char *TF_OperationName(TF_Operation *op) { return op->name; }
const char *TF_OperationOpType(TF_Operation *op) { return op->op; }
const char *TF_OperationDevice(TF_Operation *op) { return op->device; }
static int valid_output(TF_Operation *op, int index, TF_Status *s) {
    if (!op || index < 0 || index >= num_outputs(op)) { set(s, TF_OUT_OF_RANGE, "output index out of range for operation '%s'", op ? op->name : "(null)"); return 0; }
    return 1;
}
void TF_GraphSetTensorShape(TF_Graph *g, TF_Output out, const int64_t *dims, const int num_dims, TF_Status *s) {
    (void)g;
    if (!valid_output(out.oper, out.index, s)) return;
    if (num_dims > MAX_DIMS) { set(s, TF_INVALID_ARGUMENT, "rank beyond 254 for '%s'", out.oper->name); return; }
    free(out.oper->shape); out.oper->shape = NULL; out.oper->shape_rank = num_dims < 0 ? -1 : num_dims;
    if (num_dims > 0) { out.oper->shape = malloc(sizeof(int64_t) * num_dims); memcpy(out.oper->shape, dims, sizeof(int64_t) * num_dims); }
    ok(s);
}
int TF_GraphGetTensorNumDims(TF_Graph *g, TF_Output out, TF_Status *s) {
    (void)g;
    if (!valid_output(out.oper, out.index, s)) return -1;
    ok(s); return out.oper->shape_rank;
}
static TF_Operation *new_op(const char *type, const char *name) {
    TF_Operation *op = calloc(1, sizeof *op);
    op->name = dup(name, strlen(name)); op->op = dup(type, strlen(type)); op->device = dup("", 0); op->shape_rank = -1;
    return op;
}
static Attr *add_attr(TF_Operation *op, const char *key, char kind) {
    op->attrs = realloc(op->attrs, sizeof(Attr) * (op->nattrs + 1));
    Attr *a = &op->attrs[op->nattrs++]; memset(a, 0, sizeof *a); a->key = dup(key, strlen(key)); a->kind = kind; return a;
}
static Attr *attr(const TF_Operation *op, const char *key) {
    for (int i = 0; i < op->nattrs; i++) if (!strcmp(op->attrs[i].key, key)) return &op->attrs[i];
    return NULL;
}
TF_OperationDescription *TF_NewOperation(TF_Graph *g, const char *op_type, const char *oper_name) {
    TF_OperationDescription *d = calloc(1, sizeof *d); d->graph = g; d->op = new_op(op_type, oper_name); return d;
}
void TF_SetDevice(TF_OperationDescription *d, const char *device) { free(d->op->device); d->op->device = dup(device, strlen(device)); }
void TF_SetAttrString(TF_OperationDescription *d, const char *name, const void *value, size_t length) { Attr *a = add_attr(d->op, name, 's'); a->s = dup(value, length); a->slen = length; }
void TF_SetAttrInt(TF_OperationDescription *d, const char *name, int64_t value) { add_attr(d->op, name, 'i')->i = value; }
void TF_SetAttrFloat(TF_OperationDescription *d, const char *name, float value) { add_attr(d->op, name, 'f')->f = value; }
void TF_SetAttrBool(TF_OperationDescription *d, const char *name, unsigned char value) { add_attr(d->op, name, 'i')->i = value != 0; }
void TF_SetAttrType(TF_OperationDescription *d, const char *name, TF_DataType value) { add_attr(d->op, name, 'i')->i = value; }
static const char *known_ops[] = { "Placeholder", "Const", "Identity", "AvgPool", "Reshape", "MatMul", "BiasAdd", "Softmax", "NoOp",
                                   "VariableV2", "Assign", "RestoreV2", NULL };
static int known(const char *op) { for (int i = 0; known_ops[i]; i++) if (!strcmp(known_ops[i], op)) return 1; return 0; }
static int add_op(TF_Graph *g, TF_Operation *op, TF_Status *s) {
    if (!known(op->op)) { set(s, TF_INVALID_ARGUMENT, "Op type not registered '%s' in the reference library", op->op); return 0; }
    if (TF_GraphOperationByName(g, op->name)) { set(s, TF_INVALID_ARGUMENT, "Duplicate node name in graph: '%s'", op->name); return 0; }
    if (g->n == g->cap) { g->cap = g->cap ? g->cap * 2 : 16; g->ops = realloc(g->ops, sizeof(TF_Operation *) * g->cap); }
    op->graph = g; g->ops[g->n++] = op; return 1;
}
TF_Operation *TF_FinishOperation(TF_OperationDescription *d, TF_Status *s) {
    TF_Operation *op = d->op; TF_Graph *g = d->graph; free(d);
    if (!add_op(g, op, s)) { free_op(op); return NULL; }
    ok(s); return op;
}

/* ---- Graph import ---- */
TF_ImportGraphDefOptions *TF_NewImportGraphDefOptions(void) { TF_ImportGraphDefOptions *o = calloc(1, sizeof *o); o->prefix = dup("", 0); return o; }
void TF_DeleteImportGraphDefOptions(TF_ImportGraphDefOptions *o) { if (o) { free(o->prefix); free(o); } }
void TF_ImportGraphDefOptionsSetPrefix(TF_ImportGraphDefOptions *o, const char *prefix) { free(o->prefix); o->prefix = dup(prefix, strlen(prefix)); }

typedef struct { const unsigned char *p; size_t left; int bad; } Reader;
static uint64_t rd(Reader *r, int n) {
    uint64_t v = 0;
    if (r->bad || r->left < (size_t)n) { r->bad = 1; return 0; }
    for (int i = 0; i < n; i++) v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n; r->left -= n; return v;
}
static char *rd_str(Reader *r, const char *prefix) {
    uint64_t n = rd(r, 4);
    if (r->bad || n > r->left) { r->bad = 1; return NULL; }
    size_t pl = strlen(prefix); char *s = malloc(pl + (pl ? 1 : 0) + n + 1);
    memcpy(s, prefix, pl); if (pl) s[pl++] = '/';
    memcpy(s + pl, r->p, n); s[pl + n] = 0; r->p += n; r->left -= n; return s;
}
static TF_Tensor *rd_tensor(Reader *r) {
    int64_t dims[MAX_DIMS];
    TF_DataType dt = (TF_DataType)rd(r, 4); uint64_t nd = rd(r, 4);
    if (nd > MAX_DIMS) { r->bad = 1; return NULL; }
    for (uint64_t i = 0; i < nd; i++) dims[i] = (int64_t)rd(r, 8);
    uint64_t n = rd(r, 8);
    if (r->bad || n > r->left) { r->bad = 1; return NULL; }
    TF_Tensor *t = TF_AllocateTensor(dt, dims, (int)nd, n);
    if (!t) { r->bad = 1; return NULL; }
    memcpy(t->data, r->p, n); r->p += n; r->left -= n; return t;
}
void TF_GraphImportGraphDef(TF_Graph *g, const TF_Buffer *def, const TF_ImportGraphDefOptions *o, TF_Status *s) {
    Reader r = { def ? def->data : NULL, def ? def->length : 0, 0 };
    if (r.left < 12 || memcmp(r.p, "TFRG", 4)) { set(s, TF_INVALID_ARGUMENT, "Invalid GraphDef: not a reference graph (magic TFRG)%s", ""); return; }
    r.p += 4; r.left -= 4;
    if (rd(&r, 4) != 1) { set(s, TF_INVALID_ARGUMENT, "Invalid GraphDef: version is not 1%s", ""); return; }
    uint64_t count = rd(&r, 4);
    int first = g->n;
    const char *prefix = o ? o->prefix : "";
    for (uint64_t k = 0; k < count && !r.bad; k++) {
        char *name = rd_str(&r, prefix), *type = rd_str(&r, "");
        if (r.bad) { free(name); free(type); break; }
        TF_Operation *op = new_op(type, name); free(name); free(type);
        op->ninputs = (int)rd(&r, 4);
        if (op->ninputs < 0 || op->ninputs > 64) r.bad = 1;
        op->input_names = calloc(op->ninputs ? op->ninputs : 1, sizeof(char *));
        op->inputs = calloc(op->ninputs ? op->ninputs : 1, sizeof(TF_Output));
        for (int i = 0; i < op->ninputs && !r.bad; i++) {
            /* A control input keeps its '^' ahead of the prefix. */
            Reader peek = r; int control = rd(&peek, 4) > 0 && !peek.bad && *peek.p == '^';
            op->input_names[i] = rd_str(&r, prefix);
            if (control && op->input_names[i]) {
                char *name = op->input_names[i], *caret = strchr(name, '^');
                memmove(caret, caret + 1, strlen(caret)); memmove(name + 1, name, strlen(name) + 1); name[0] = '^';
            }
            if (op->input_names[i] && op->input_names[i][0] != '^') {
                if (op->ndata != i) r.bad = 1; /* data inputs come first */
                op->ndata++;
            }
        }
        uint64_t nattrs = rd(&r, 4);
        if (nattrs > 64) r.bad = 1;
        for (uint64_t i = 0; i < nattrs && !r.bad; i++) {
            char *key = rd_str(&r, ""); char kind = (char)rd(&r, 1);
            if (r.bad) { free(key); break; }
            Attr *a = add_attr(op, key, kind); free(key);
            if (kind == 'i') a->i = (int64_t)rd(&r, 8);
            else if (kind == 'T') { a->t = rd_tensor(&r); }
            else r.bad = 1;
        }
        if (r.bad) { free_op(op); break; }
        if (!add_op(g, op, s)) { free_op(op); goto undo; }
    }
    if (r.bad) { set(s, TF_INVALID_ARGUMENT, "Invalid GraphDef: truncated or malformed%s", ""); goto undo; }
    for (int k = first; k < g->n; k++) {
        TF_Operation *op = g->ops[k];
        for (int i = 0; i < op->ninputs; i++) {
            int control = op->input_names[i][0] == '^';
            char *name = op->input_names[i] + control, *colon = strrchr(name, ':'); int index = control ? -1 : 0;
            if (colon && !control) { index = atoi(colon + 1); *colon = 0; }
            TF_Operation *src = TF_GraphOperationByName(g, name);
            if (!src || index >= num_outputs(src)) { set(s, TF_INVALID_ARGUMENT, "Node input '%s' not found", name); goto undo; }
            op->inputs[i].oper = src; op->inputs[i].index = index;
        }
    }
    ok(s); return;
undo:
    while (g->n > first) free_op(g->ops[--g->n]);
}

/* ---- Sessions ---- */
static int live_sessions;
static void count_sessions(const char *what, int delta) {
    int live = __atomic_add_fetch(&live_sessions, delta, __ATOMIC_SEQ_CST);
    const char *path = getenv("TF_REFERENCE_SESSIONS");
    if (!path || !*path) return;
    FILE *f = fopen(path, "a");
    if (!f) return;
    fprintf(f, "%s live=%d\n", what, live);
    fclose(f);
}
TF_Session *TF_NewSession(TF_Graph *g, const TF_SessionOptions *o, TF_Status *s) {
    (void)o; TF_Session *session = calloc(1, sizeof *session); session->graph = g; ok(s);
    count_sessions("TF_NewSession", 1);
    return session;
}
void TF_CloseSession(TF_Session *session, TF_Status *s) { session->closed = 1; ok(s); }
void TF_DeleteSession(TF_Session *session, TF_Status *s) {
    for (int i = 0; i < session->nvars; i++) TF_DeleteTensor(session->var_values[i]);
    free(session->var_ops); free(session->var_values); free(session); ok(s);
    count_sessions("TF_DeleteSession", -1);
}
static TF_Tensor **variable(TF_Session *session, TF_Operation *var) {
    for (int i = 0; i < session->nvars; i++) if (session->var_ops[i] == var) return &session->var_values[i];
    return NULL;
}
static void assign(TF_Session *session, TF_Operation *var, TF_Tensor *value) {
    TF_Tensor **slot = variable(session, var);
    if (!slot) {
        session->var_ops = realloc(session->var_ops, sizeof(TF_Operation *) * (session->nvars + 1));
        session->var_values = realloc(session->var_values, sizeof(TF_Tensor *) * (session->nvars + 1));
        session->var_ops[session->nvars] = var; slot = &session->var_values[session->nvars++]; *slot = NULL;
    }
    TF_DeleteTensor(*slot); *slot = value;
}

/* A run's values: one slot per output of every operation (base[k] is operation k's first); order lists the operations run. */
typedef struct {
    TF_Session *session; TF_Graph *g; TF_Tensor **values; int *base; char *state; int *order; int norder;
    const TF_Output *feeds; TF_Tensor *const *fed; int nfeeds; TF_Status *s;
} Run;
static int op_index(TF_Graph *g, TF_Operation *op) { for (int i = 0; i < g->n; i++) if (g->ops[i] == op) return i; return -1; }

/* Element i of a TF_STRING tensor: the elements' u64 offsets, then each element encoded (TF_StringEncode). */
static int string_at(const TF_Tensor *t, int64_t i, const char **p, size_t *n) {
    int64_t count = elements(t->dims, t->ndims); uint64_t offset;
    if (t->dtype != TF_STRING || i < 0 || i >= count || t->len < (size_t)count * 8) return 0;
    memcpy(&offset, (const char *)t->data + 8 * i, 8);
    size_t start = (size_t)count * 8;
    if (offset > t->len - start) return 0;
    TF_Status scratch = { TF_OK, NULL };
    size_t used = TF_StringDecode((const char *)t->data + start + offset, t->len - start - offset, p, n, &scratch);
    free(scratch.msg);
    return used != 0;
}
static int fail(Run *run, TF_Code code, const char *message) { set(run->s, code, "%s", message); return 0; }

/* RestoreV2 from a checkpoint in the reference's format (TfC/README.md): PREFIX.index lists each tensor's name, type,
 * shape and place in PREFIX.data-00000-of-00001, which holds the tensors' bytes one after another. */
static int restore(Run *run, TF_Operation *op, TF_Tensor **in, TF_Tensor **out) {
    char path[4200], message[4400]; const char *prefix; size_t plen;
    int n = num_outputs(op); const int32_t *types = n ? attr(op, "dtypes")->t->data : NULL;
    if (!string_at(in[0], 0, &prefix, &plen) || plen > 4096 || elements(in[1]->dims, in[1]->ndims) != n)
        return fail(run, TF_INVALID_ARGUMENT, "RestoreV2: the prefix is no string, or the tensor names do not match dtypes");
    snprintf(path, sizeof path, "%.*s.index", (int)plen, prefix);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(message, sizeof message, "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for %.*s", (int)plen, prefix);
        return fail(run, TF_NOT_FOUND, message);
    }
    unsigned char *index = malloc(1 << 20); size_t size = fread(index, 1, 1 << 20, f); fclose(f);
    snprintf(path, sizeof path, "%.*s.data-00000-of-00001", (int)plen, prefix);
    FILE *data = fopen(path, "rb");
    int done = 0;
    for (int i = 0; i < n; i++) {
        const char *name; size_t nlen;
        if (!string_at(in[1], i, &name, &nlen)) { fail(run, TF_INVALID_ARGUMENT, "RestoreV2: a tensor name is no string"); goto end; }
        Reader r = { index, size, 0 };
        if (size < 12 || memcmp(index, "TFCK", 4)) { fail(run, TF_DATA_LOSS, "not a reference checkpoint index (magic TFCK)"); goto end; }
        r.p += 4; r.left -= 4;
        if (rd(&r, 4) != 1) { fail(run, TF_DATA_LOSS, "reference checkpoint index: version is not 1"); goto end; }
        uint64_t count = rd(&r, 4); int found = 0;
        for (uint64_t e = 0; e < count && !r.bad && !found; e++) {
            char *key = rd_str(&r, ""); TF_DataType dt = (TF_DataType)rd(&r, 4); uint64_t nd = rd(&r, 4); int64_t dims[MAX_DIMS];
            if (r.bad || nd > MAX_DIMS) { free(key); r.bad = 1; break; }
            for (uint64_t d = 0; d < nd; d++) dims[d] = (int64_t)rd(&r, 8);
            uint64_t offset = rd(&r, 8), length = rd(&r, 8);
            found = !r.bad && strlen(key) == nlen && !memcmp(key, name, nlen);
            free(key);
            if (!found) continue;
            if (dt != (TF_DataType)types[i]) {
                snprintf(message, sizeof message, "tensor %.*s in the checkpoint has type %d, RestoreV2 asks for %d", (int)nlen, name, (int)dt, (int)types[i]);
                fail(run, TF_INVALID_ARGUMENT, message); goto end;
            }
            out[i] = TF_AllocateTensor(dt, dims, (int)nd, length);
            if (!out[i] || !data || fseek(data, (long)offset, SEEK_SET) || fread(out[i]->data, 1, length, data) != length) {
                snprintf(message, sizeof message, "%.*s: the checkpoint's data file is missing or ends before tensor %.*s", (int)plen, prefix, (int)nlen, name);
                fail(run, TF_DATA_LOSS, message); goto end;
            }
        }
        if (r.bad) { fail(run, TF_DATA_LOSS, "reference checkpoint index: truncated or malformed"); goto end; }
        if (!found) { snprintf(message, sizeof message, "Key %.*s not found in checkpoint", (int)nlen, name); fail(run, TF_NOT_FOUND, message); goto end; }
    }
    done = 1;
end:
    free(index);
    if (data) fclose(data);
    return done;
}
static TF_Tensor *floats(const int64_t *dims, int nd) { return TF_AllocateTensor(TF_FLOAT, dims, nd, (size_t)elements(dims, nd) * 4); }
static int need_float(Run *run, TF_Operation *op, TF_Tensor *t, int rank) {
    if (t->dtype != TF_FLOAT || (rank >= 0 && t->ndims != rank)) { set(run->s, TF_INVALID_ARGUMENT, "operation '%s': an input of the wrong type or rank", op->name); return 0; }
    return 1;
}
static TF_Tensor *compute(Run *run, TF_Operation *op, TF_Tensor **in) {
    const char *t = op->op;
    if (!strcmp(t, "VariableV2")) {
        TF_Tensor **v = variable(run->session, op);
        if (!v) { set(run->s, TF_FAILED_PRECONDITION, "Attempting to use uninitialized value %s", op->name); return NULL; }
        return copy_tensor(*v);
    }
    if (!strcmp(t, "Assign")) {
        TF_Operation *var = op->inputs[0].oper;
        if (strcmp(var->op, "VariableV2")) { set(run->s, TF_INVALID_ARGUMENT, "Assign '%s': input 0 is no variable", op->name); return NULL; }
        assign(run->session, var, copy_tensor(in[1]));
        return copy_tensor(in[1]);
    }
    if (!strcmp(t, "Const")) { Attr *a = attr(op, "value"); if (!a || !a->t) { set(run->s, TF_INVALID_ARGUMENT, "Const '%s' has no value", op->name); return NULL; } return copy_tensor(a->t); }
    if (!strcmp(t, "Placeholder")) { set(run->s, TF_INVALID_ARGUMENT, "You must feed a value for placeholder tensor '%s'", op->name); return NULL; }
    if (!strcmp(t, "Identity")) return copy_tensor(in[0]);
    if (!strcmp(t, "AvgPool")) {
        /* NHWC, a square window of ksize with the same stride, VALID padding. */
        Attr *k = attr(op, "ksize"); int64_t K = k ? k->i : 0;
        if (!need_float(run, op, in[0], 4)) return NULL;
        if (K <= 0 || K > in[0]->dims[1] || K > in[0]->dims[2]) { set(run->s, TF_INVALID_ARGUMENT, "AvgPool '%s': ksize out of range", op->name); return NULL; }
        int64_t N = in[0]->dims[0], H = in[0]->dims[1], W = in[0]->dims[2], C = in[0]->dims[3], OH = H / K, OW = W / K;
        int64_t dims[4] = { N, OH, OW, C }; TF_Tensor *o = floats(dims, 4); const float *x = in[0]->data; float *y = o->data;
        for (int64_t n = 0; n < N; n++) for (int64_t oy = 0; oy < OH; oy++) for (int64_t ox = 0; ox < OW; ox++) for (int64_t c = 0; c < C; c++) {
            double sum = 0;
            for (int64_t dy = 0; dy < K; dy++) for (int64_t dx = 0; dx < K; dx++) sum += x[((n * H + oy * K + dy) * W + ox * K + dx) * C + c];
            y[((n * OH + oy) * OW + ox) * C + c] = (float)(sum / (double)(K * K));
        }
        return o;
    }
    if (!strcmp(t, "Reshape")) {
        if (in[1]->dtype != TF_INT32 || in[1]->ndims != 1 || in[1]->dims[0] > MAX_DIMS) { set(run->s, TF_INVALID_ARGUMENT, "Reshape '%s': the shape is not an int32 vector", op->name); return NULL; }
        int nd = (int)in[1]->dims[0]; int64_t dims[MAX_DIMS]; int64_t known = 1; int free_dim = -1; const int32_t *sh = in[1]->data;
        for (int i = 0; i < nd; i++) { dims[i] = sh[i]; if (sh[i] == -1) free_dim = i; else known *= sh[i]; }
        int64_t total = elements(in[0]->dims, in[0]->ndims);
        if (free_dim >= 0 && known > 0) dims[free_dim] = total / known;
        if (elements(dims, nd) != total) { set(run->s, TF_INVALID_ARGUMENT, "Reshape '%s': the element count does not match", op->name); return NULL; }
        TF_Tensor *o = TF_AllocateTensor(in[0]->dtype, dims, nd, in[0]->len); memcpy(o->data, in[0]->data, in[0]->len); return o;
    }
    if (!strcmp(t, "MatMul")) {
        if (!need_float(run, op, in[0], 2) || !need_float(run, op, in[1], 2)) return NULL;
        int64_t M = in[0]->dims[0], K = in[0]->dims[1], N = in[1]->dims[1];
        if (in[1]->dims[0] != K) { set(run->s, TF_INVALID_ARGUMENT, "MatMul '%s': inner dimensions differ", op->name); return NULL; }
        int64_t dims[2] = { M, N }; TF_Tensor *o = floats(dims, 2); const float *a = in[0]->data, *b = in[1]->data; float *y = o->data;
        for (int64_t i = 0; i < M; i++) for (int64_t j = 0; j < N; j++) { double sum = 0; for (int64_t k = 0; k < K; k++) sum += (double)a[i * K + k] * b[k * N + j]; y[i * N + j] = (float)sum; }
        return o;
    }
    if (!strcmp(t, "BiasAdd")) {
        if (!need_float(run, op, in[0], -1) || !need_float(run, op, in[1], 1)) return NULL;
        int64_t C = in[1]->dims[0];
        if (in[0]->ndims < 1 || in[0]->dims[in[0]->ndims - 1] != C) { set(run->s, TF_INVALID_ARGUMENT, "BiasAdd '%s': the bias does not match the last dimension", op->name); return NULL; }
        TF_Tensor *o = copy_tensor(in[0]); float *y = o->data; const float *b = in[1]->data;
        for (int64_t i = 0; i < elements(o->dims, o->ndims); i++) y[i] += b[i % C];
        return o;
    }
    if (!strcmp(t, "Softmax")) {
        if (!need_float(run, op, in[0], -1) || in[0]->ndims < 1) return NULL;
        TF_Tensor *o = copy_tensor(in[0]); float *y = o->data; int64_t C = o->dims[o->ndims - 1], rows = elements(o->dims, o->ndims) / (C ? C : 1);
        for (int64_t r = 0; r < rows; r++) {
            float *row = y + r * C; float max = row[0]; double sum = 0;
            for (int64_t c = 1; c < C; c++) if (row[c] > max) max = row[c];
            for (int64_t c = 0; c < C; c++) { row[c] = expf(row[c] - max); sum += row[c]; }
            for (int64_t c = 0; c < C; c++) row[c] = (float)(row[c] / sum);
        }
        return o;
    }
    set(run->s, TF_UNIMPLEMENTED, "operation type '%s' cannot be run", t);
    return NULL;
}
static int eval(Run *run, TF_Operation *op);
static TF_Tensor *value(Run *run, TF_Operation *op, int index) {
    for (int i = 0; i < run->nfeeds; i++) if (run->feeds[i].oper == op && run->feeds[i].index == index) return run->fed[i];
    return eval(run, op) ? run->values[run->base[op_index(run->g, op)] + index] : NULL;
}
/* Runs an operation once per run, after its inputs and its control inputs. */
static int eval(Run *run, TF_Operation *op) {
    int k = op_index(run->g, op);
    if (k < 0) return fail(run, TF_INVALID_ARGUMENT, "an operation of another graph");
    if (run->state[k] == 2) return 1;
    if (run->state[k]) { set(run->s, TF_INVALID_ARGUMENT, "the graph has a cycle through '%s'", op->name); return 0; }
    run->state[k] = 1;
    TF_Tensor *in[64] = { 0 };
    int writes = !strcmp(op->op, "Assign"); /* Assign writes its variable (input 0) without reading it */
    for (int i = 0; i < op->ninputs; i++) {
        if (op->inputs[i].index < 0) { if (!eval(run, op->inputs[i].oper)) return 0; }
        else if (!(writes && i == 0) && !(in[i] = value(run, op->inputs[i].oper, op->inputs[i].index))) return 0;
    }
    int needs = !strcmp(op->op, "Identity") || !strcmp(op->op, "AvgPool") || !strcmp(op->op, "Softmax") ? 1
              : !strcmp(op->op, "Reshape") || !strcmp(op->op, "MatMul") || !strcmp(op->op, "BiasAdd") || writes ? 2
              : !strcmp(op->op, "RestoreV2") ? 3 : 0;
    if (op->ndata < needs) { set(run->s, TF_INVALID_ARGUMENT, "operation '%s' lacks inputs", op->name); return 0; }
    TF_Tensor **out = run->values + run->base[k];
    if (!strcmp(op->op, "RestoreV2")) { if (!restore(run, op, in, out)) return 0; }
    else if (num_outputs(op) == 1 && !(out[0] = compute(run, op, in))) return 0;
    run->state[k] = 2; run->order[run->norder++] = k;
    return 1;
}
static uint64_t fnv(const TF_Tensor *t) {
    uint64_t h = 14695981039346656037ULL; const unsigned char *p = t->data;
    for (size_t i = 0; i < t->len; i++) { h ^= p[i]; h *= 1099511628211ULL; }
    return h;
}
static void trace(int ninputs, TF_Tensor *const *in, int noutputs, TF_Tensor **out, int ntargets) {
    const char *path = getenv("TF_REFERENCE_TRACE");
    if (!path || !*path) return;
    FILE *f = fopen(path, "a");
    if (!f) return;
    fprintf(f, "run inputs=%d", ninputs);
    for (int i = 0; i < ninputs; i++) fprintf(f, " %016llx", (unsigned long long)fnv(in[i]));
    fprintf(f, " outputs=%d", noutputs);
    for (int i = 0; i < noutputs; i++) {
        if (!out[i]) { fprintf(f, " null"); continue; }
        fprintf(f, " %016llx", (unsigned long long)fnv(out[i]));
        if (out[i]->dtype == TF_FLOAT && out[i]->len >= 4) {
            const float *y = out[i]->data; size_t best = 0;
            for (size_t j = 1; j < out[i]->len / 4; j++) if (y[j] > y[best]) best = j;
            fprintf(f, " top=%zu", best);
        }
    }
    fprintf(f, " targets=%d\n", ntargets);
    fclose(f);
}
/* Protobuf wire format, as far as RunOptions and RunMetadata need it. */
static int get_varint(const unsigned char *p, size_t n, size_t *i, uint64_t *v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*i >= n) return 0;
        unsigned char b = p[(*i)++]; *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) return 1;
    }
    return 0;
}
/* RunOptions: any well-formed message; only trace_level (field 1) means something here. */
static int run_options(const TF_Buffer *b, uint64_t *trace_level) {
    const unsigned char *p = b->data; size_t n = b->length, i = 0; uint64_t key, v;
    *trace_level = 0;
    if (!p && n) return 0;
    while (i < n) {
        if (!get_varint(p, n, &i, &key) || key >> 3 == 0) return 0;
        switch (key & 7) {
        case 0: if (!get_varint(p, n, &i, &v)) return 0; if (key >> 3 == 1) *trace_level = v; break;
        case 1: if (n - i < 8) return 0; i += 8; break;
        case 2: if (!get_varint(p, n, &i, &v) || v > n - i) return 0; i += v; break;
        case 5: if (n - i < 4) return 0; i += 4; break;
        default: return 0;
        }
    }
    return 1;
}
static size_t put_varint(unsigned char *p, uint64_t v) {
    size_t n = 0;
    for (; v >= 0x80; v >>= 7) { if (p) p[n] = (unsigned char)(v | 0x80); n++; }
    if (p) p[n] = (unsigned char)v;
    return n + 1;
}
/* A length-delimited field's tag and length (the bytes follow). */
static size_t put_header(unsigned char *p, int field, size_t length) {
    size_t n = put_varint(p, (uint64_t)field << 3 | 2);
    return n + put_varint(p ? p + n : NULL, length);
}
static size_t put_string(unsigned char *p, int field, const char *s) {
    size_t len = strlen(s), n = put_header(p, field, len);
    if (p) memcpy(p + n, s, len);
    return n + len;
}
/* RunMetadata of a traced run: step_stats (1) with one dev_stats (1) of the CPU device (device, 1) and one node_stats
 * (2) per operation run, in the order they ran (node_name, 1). Sizes first (p NULL), then the bytes. */
static size_t run_metadata(unsigned char *p, const Run *run) {
    static const char device[] = "/job:localhost/replica:0/task:0/device:CPU:0";
    size_t dev = put_string(NULL, 1, device);
    for (int i = 0; i < run->norder; i++) { size_t node = put_string(NULL, 1, run->g->ops[run->order[i]]->name); dev += put_header(NULL, 2, node) + node; }
    size_t step = put_header(NULL, 1, dev) + dev, total = put_header(NULL, 1, step) + step;
    if (!p) return total;
    p += put_header(p, 1, step); p += put_header(p, 1, dev); p += put_string(p, 1, device);
    for (int i = 0; i < run->norder; i++) {
        const char *name = run->g->ops[run->order[i]]->name;
        p += put_header(p, 2, put_string(NULL, 1, name)); p += put_string(p, 1, name);
    }
    return total;
}

/* As TensorFlow's: run options that do not parse and a run_metadata buffer with data are refused before the run; a
 * run_metadata buffer is filled whatever the run's outcome, with the bytes of a RunMetadata (empty unless the run
 * options ask for a trace) that its data_deallocator frees. */
void TF_SessionRun(TF_Session *session, const TF_Buffer *options, const TF_Output *inputs, TF_Tensor *const *input_values, int ninputs,
                   const TF_Output *outputs, TF_Tensor **output_values, int noutputs, const TF_Operation *const *target_opers, int ntargets,
                   TF_Buffer *metadata, TF_Status *s) {
    uint64_t trace_level = 0;
    for (int i = 0; i < noutputs; i++) output_values[i] = NULL;
    if (options && !run_options(options, &trace_level)) { set(s, TF_INVALID_ARGUMENT, "Unparseable RunOptions proto%s", ""); return; }
    if (metadata && metadata->data) { set(s, TF_INVALID_ARGUMENT, "Passing non-empty run_metadata is invalid.%s", ""); return; }
    if (session->closed) { set(s, TF_INVALID_ARGUMENT, "Session has been closed.%s", ""); return; }
    TF_Graph *g = session->graph;
    Run run = { session, g, NULL, calloc(g->n + 1, sizeof(int)), calloc(g->n + 1, 1), calloc(g->n + 1, sizeof(int)), 0, inputs, input_values, ninputs, s };
    int slots = 0;
    for (int k = 0; k < g->n; k++) { run.base[k] = slots; slots += num_outputs(g->ops[k]); }
    run.values = calloc(slots + 1, sizeof(TF_Tensor *));
    ok(s);
    for (int i = 0; i < ninputs; i++) if (!valid_output(inputs[i].oper, inputs[i].index, s)) goto done;
    for (int i = 0; i < noutputs; i++) {
        if (!valid_output(outputs[i].oper, outputs[i].index, s)) goto done;
        TF_Tensor *v = value(&run, outputs[i].oper, outputs[i].index);
        if (!v) goto done;
        output_values[i] = copy_tensor(v);
    }
    for (int i = 0; i < ntargets; i++) if (!eval(&run, (TF_Operation *)target_opers[i])) goto done;
done:
    if (TF_GetCode(s) != TF_OK) for (int i = 0; i < noutputs; i++) { TF_DeleteTensor(output_values[i]); output_values[i] = NULL; }
    if (metadata) {
        size_t length = trace_level ? run_metadata(NULL, &run) : 0;
        unsigned char *bytes = malloc(length ? length : 1);
        if (length) run_metadata(bytes, &run);
        metadata->data = bytes; metadata->length = length; metadata->data_deallocator = free_bytes;
    }
    for (int i = 0; i < slots; i++) TF_DeleteTensor(run.values[i]);
    free(run.values); free(run.base); free(run.state); free(run.order);
    trace(ninputs, input_values, noutputs, output_values, ntargets);
}
