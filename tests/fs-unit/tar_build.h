/* tar_build.h — writes ustar archives in memory for the tests, and damages them on purpose. */
#ifndef FS_UNIT_TAR_BUILD_H
#define FS_UNIT_TAR_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct tarb {
    uint8_t *buf;
    size_t len;
    size_t cap;
};

/* Appends one entry (name split into prefix/name when longer than 100 bytes) and returns the
 * header's offset. type is the ustar typeflag ('0', '5', '1', '2', ...). */
size_t tarb_add(struct tarb *t, const char *name, char type, const void *data, size_t size, const char *link);
size_t tarb_file(struct tarb *t, const char *name, const char *text);
void tarb_end(struct tarb *t);                       /* the two zero blocks */
void tarb_raw(struct tarb *t, const void *data, size_t size);
void tarb_set_field(struct tarb *t, size_t hdr, size_t off, size_t len, const char *value);
void tarb_fix_checksum(struct tarb *t, size_t hdr);
void tarb_free(struct tarb *t);

#define TARB_SIZE_OFF 124
#define TARB_SIZE_LEN 12
#define TARB_CHKSUM_OFF 148
#define TARB_CHKSUM_LEN 8

#endif
