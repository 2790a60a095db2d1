/* linux/circ_buf.h — a ring buffer's arithmetic over a power-of-two size: head is where the
 * producer writes, tail where the consumer reads, one slot always kept empty. */
#ifndef _LINUX_CIRC_BUF_H
#define _LINUX_CIRC_BUF_H

struct circ_buf {
    char *buf;
    int head;
    int tail;
};

#define CIRC_CNT(head, tail, size) (((head) - (tail)) & ((size) - 1))
#define CIRC_SPACE(head, tail, size) CIRC_CNT((tail), ((head) + 1), (size))
/* How many can be read (written) in one go before the end of the buffer. */
#define CIRC_CNT_TO_END(head, tail, size) \
    ({ int end = (size) - (tail); int n = ((head) + end) & ((size) - 1); n < end ? n : end; })
#define CIRC_SPACE_TO_END(head, tail, size) \
    ({ int end = (size) - 1 - (head); int n = (end + (tail)) & ((size) - 1); n <= end ? n : end + 1; })
#endif
