/*
 * libava-audit.so: the rtld-audit module `ava run` sets as LD_AUDIT.
 *
 * LD_PRELOAD only catches a library loaded by its SONAME: a program that dlopens "libOpenCL.so" (OpenCV's
 * OpenCL runtime, hashcat), "libcuda.so" or an absolute path such as /usr/lib/x86_64-linux-gnu/libOpenCL.so.1
 * would load the vendor's library beside our drop-in and run natively. The dynamic loader asks this module for
 * every name it is about to look up (la_objsearch, LA_SER_ORIG: the name as the program or a DT_NEEDED entry gave
 * it), and a name whose file name is an API's development name (libOpenCL.so) or that name with any version
 * suffix (libOpenCL.so.1, libOpenCL.so.1.0.0) is answered with our drop-in's absolute path, which the loader
 * then opens instead (or finds already loaded).
 *
 * The table comes from AVA_AUDIT_MAP=NAME=PATH[:NAME=PATH...], e.g.
 * AVA_AUDIT_MAP=libOpenCL.so=/opt/ava/lib/libOpenCL.so.1:libcuda.so=/opt/ava/lib/libcuda.so.1, read once when
 * the loader starts the module. Without a usable table the module declines (la_version returns 0) and the
 * loader runs as if it were absent.
 *
 * The module runs inside the loader before the program's own libraries exist: it allocates nothing, keeps the
 * table in static storage and treats every name it does not know as someone else's.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdlib.h>
#include <string.h>

#define MAP_BYTES 4096
#define MAP_ENTRIES 32

static char map_text[MAP_BYTES];
static struct { const char *name; size_t name_length; const char *path; } map[MAP_ENTRIES];
static int map_count;

/* Splits a copy of AVA_AUDIT_MAP into the table; entries without '=', with an empty side or a relative path are skipped. */
static void load_map(void)
{
    const char *text = getenv("AVA_AUDIT_MAP");
    if (text == NULL || strlen(text) >= MAP_BYTES)
        return;
    strcpy(map_text, text);
    char *cursor = map_text;
    while (*cursor != '\0' && map_count < MAP_ENTRIES) {
        char *end = strchr(cursor, ':');
        if (end != NULL)
            *end = '\0';
        char *equals = strchr(cursor, '=');
        if (equals != NULL && equals != cursor && equals[1] == '/') {
            *equals = '\0';
            map[map_count].name = cursor;
            map[map_count].name_length = (size_t)(equals - cursor);
            map[map_count].path = equals + 1;
            map_count++;
        }
        if (end == NULL)
            break;
        cursor = end + 1;
    }
}

unsigned int la_version(unsigned int version)
{
    load_map();
    if (map_count == 0 || version == 0)
        return 0;
    /* A newer loader accepts the interface version this module was built against; an older one gets its own,
       whose la_objsearch is the same. */
    return version < LAV_CURRENT ? version : LAV_CURRENT;
}

char *la_objsearch(const char *name, uintptr_t *cookie, unsigned int flag)
{
    (void)cookie;
    if (name == NULL || flag != LA_SER_ORIG)
        return (char *)name;
    const char *slash = strrchr(name, '/');
    const char *file = slash != NULL ? slash + 1 : name;
    for (int i = 0; i < map_count; i++) {
        size_t length = map[i].name_length;
        if (strncmp(file, map[i].name, length) == 0 && (file[length] == '\0' || file[length] == '.'))
            return (char *)map[i].path;
    }
    return (char *)name;
}
