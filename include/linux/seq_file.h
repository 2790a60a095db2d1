/* linux/seq_file.h — sequential files: an iterator (start/next/stop/show) or one show function
 * prints the file, and seq_read serves reads at any offset from what was printed. */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H
#include <stdarg.h>
#include <linux/types.h>
#include <linux/fs.h>
#include <linux/list.h>

struct seq_operations;

struct seq_file {
    char *buf;
    size_t size;
    size_t from;
    size_t count;
    loff_t index;
    loff_t read_pos;
    const struct seq_operations *op;
    const struct file *file;
    void *private;
    bool ark_ready;                    /* buf holds the whole file, generated at offset 0 */
};

struct seq_operations {
    void *(*start)(struct seq_file *m, loff_t *pos);
    void (*stop)(struct seq_file *m, void *v);
    void *(*next)(struct seq_file *m, void *v, loff_t *pos);
    int (*show)(struct seq_file *m, void *v);
};

#define SEQ_START_TOKEN ((void *)1)
#define SEQ_SKIP 1

/* ark's own seq_printf/seq_write (ark/proc.h) take another buffer type: mapped here. */
void ark_linux_seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void ark_linux_seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
int  ark_linux_seq_write(struct seq_file *m, const void *data, size_t len);
#define seq_printf  ark_linux_seq_printf
#define seq_vprintf ark_linux_seq_vprintf
#define seq_write   ark_linux_seq_write

int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);
int seq_open_private(struct file *file, const struct seq_operations *op, int psize);
void *__seq_open_private(struct file *file, const struct seq_operations *op, int psize);
int seq_release_private(struct inode *inode, struct file *file);
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
                     size_t size);
int single_release(struct inode *inode, struct file *file);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_pad(struct seq_file *m, char c);
static inline bool seq_has_overflowed(struct seq_file *m) { return m->count == m->size; }

#define DEFINE_SHOW_ATTRIBUTE(__name)                                                       \
static int __name##_open(struct inode *inode, struct file *file)                            \
{                                                                                           \
    return single_open(file, __name##_show, inode->i_private);                              \
}                                                                                           \
static const struct file_operations __name##_fops = {                                       \
    .owner = THIS_MODULE, .open = __name##_open, .read = seq_read,                          \
    .llseek = seq_lseek, .release = single_release,                                         \
}
#define DEFINE_PROC_SHOW_ATTRIBUTE(__name)                                                  \
static int __name##_open(struct inode *inode, struct file *file)                            \
{                                                                                           \
    return single_open(file, __name##_show, pde_data(inode));                               \
}                                                                                           \
static const struct proc_ops __name##_proc_ops = {                                          \
    .proc_open = __name##_open, .proc_read = seq_read,                                      \
    .proc_lseek = seq_lseek, .proc_release = single_release,                                \
}
/* seq_operations over a list_head list: start at the pos-th entry (or the head itself first, for
 * seq_list_start_head), next to the following one, NULL at the end. */
static inline struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
    struct list_head *p;
    list_for_each(p, head)
        if (pos-- == 0)
            return p;
    return NULL;
}
static inline struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
    return pos ? seq_list_start(head, pos - 1) : head;
}
static inline struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
    struct list_head *next = ((struct list_head *)v)->next;
    ++*ppos;
    return next == head ? NULL : next;
}

#endif
