/* common.c — clocks, percentiles, file reading and the synthetic export table for the benchmark. */
#define _GNU_SOURCE
#include "common.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EXPORT_NAME_LEN 10   /* "exp_" + 5 digits + NUL */
#define EXPORT_MAX 100000

/* What the exports point at. Below 4 GiB so that an x86_64 host can link i386 modules to it. */
static int *export_storage;

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

uint64_t quantile(uint64_t *v, size_t n, double q)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof(*v), cmp_u64);
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

/* Reads the rest of an open file of st_size bytes into malloc'ed memory and closes it. */
static void *read_fd(int fd, const char *path, size_t st_size, size_t *size)
{
    char *buf = malloc(st_size ? st_size : 1);
    if (!buf)
        die("%s: out of memory", path);
    size_t done = 0;
    while (done < st_size) {
        ssize_t n = read(fd, buf + done, st_size - done);
        if (n <= 0)
            die("%s: short read", path);
        done += (size_t)n;
    }
    close(fd);
    *size = done;
    return buf;
}

void *read_whole_file(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        die("%s: %s", path, strerror(errno));
    return read_fd(fd, path, (size_t)st.st_size, size);
}

const void *image_open(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        die("%s: %s", path, strerror(errno));
    if (!image_is_mapped((size_t)st.st_size))
        return read_fd(fd, path, (size_t)st.st_size, size);
    int flags = MAP_PRIVATE;
#ifdef MAP_32BIT
    flags |= MAP_32BIT;   /* an x86_64 host links i386 modules: sections used in place need 32-bit addresses */
#endif
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
    if (p == MAP_FAILED)
        die("%s: cannot map: %s", path, strerror(errno));
    close(fd);
    *size = (size_t)st.st_size;
    return p;
}

void image_close(const void *image, size_t size)
{
    if (image_is_mapped(size))
        munmap((void *)(uintptr_t)image, size);
    else
        free((void *)(uintptr_t)image);
}

char *export_names_make(long count)
{
    if (count > EXPORT_MAX)
        die("at most %d exports", EXPORT_MAX);
    char *names = malloc((size_t)count * EXPORT_NAME_LEN + 1);
    if (!names)
        die("out of memory for %ld export names", count);
    for (long i = 0; i < count; i++)
        snprintf(names + i * EXPORT_NAME_LEN, EXPORT_NAME_LEN, "exp_%05ld", i);
    return names;
}

const char *export_name(const char *names, long i)
{
    return names + i * EXPORT_NAME_LEN;
}

void exports_register(struct dkm_loader *ld, const char *names, long count)
{
    if (!export_storage) {
        int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_32BIT
        flags |= MAP_32BIT;
#endif
        void *p = mmap(NULL, EXPORT_MAX * sizeof(int), PROT_READ | PROT_WRITE, flags, -1, 0);
        if (p == MAP_FAILED)
            die("cannot map the export storage");
        export_storage = p;
    }
    for (long i = 0; i < count; i++) {
        int rc = dkm_export_add(ld, export_name(names, i), (uintptr_t)&export_storage[i]);
        if (rc != 0)
            die("dkm_export_add(%s): %s", export_name(names, i), dkm_strerror(rc));
    }
}

void bench_loader_open(struct bench_loader *bl, size_t arena_bytes, long exports, int enforce)
{
    bl->arena = arena_create(arena_bytes, enforce);
    if (!bl->arena)
        die("cannot reserve a module arena of %zu bytes", arena_bytes);
    arena_port_init(&bl->port, bl->arena);
    if (dkm_loader_create(&bl->port, &(struct dkm_config){ 0 }, &bl->ld) != 0)
        die("dkm_loader_create failed");
    bl->names = export_names_make(exports);
    exports_register(bl->ld, bl->names, exports);
}

void bench_loader_close(struct bench_loader *bl)
{
    dkm_loader_destroy(bl->ld);
    free(bl->names);
    arena_destroy(bl->arena);
}
