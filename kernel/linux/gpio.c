/* gpio.c — a simulated GPIO controller and Linux's legacy GPIO API over it: 64 lines, each with
 * an owner while requested, a direction, the level an output drives and the level the outside
 * world puts on an input, and an interrupt line (ARK_IRQ_SOFT_BASE + N) raised on the edges its
 * handlers asked for (IRQF_TRIGGER_RISING/FALLING; a request without trigger flags gets both,
 * this controller's default). /sys/kernel/debug/gpio lists the lines; writing "N 1" or "N 0" to
 * /sys/kernel/debug/gpio-sim sets an input's outside level. */
#include <linux/debugfs.h>
#include <linux/gpio.h>
#include <linux/interrupt.h>
#include <linux/kstrtox.h>
#include "ark/irq.h"
#include "ark/sync.h"
#include "lx_internal.h"

struct lx_gpio {
    bool requested;
    bool output;
    bool value;                        /* an output's driven level */
    bool level;                        /* what the outside world puts on the line */
    char label[32];
    struct kmod *owner;
};

static struct lx_gpio lx_gpios[ARCH_NR_GPIOS];
static ark_spinlock_t lx_gpio_lock = ARK_SPINLOCK_INIT;   /* values; handlers read them */

int gpio_request(unsigned int gpio, const char *label)
{
    struct lx_gpio *g;
    unsigned long f;

    if (!gpio_is_valid((int)gpio)) {
        printk(KERN_ERR "gpio_request: gpio-%u (%s): no such line (0-%d)\n", gpio,
               label ? label : "?", ARCH_NR_GPIOS - 1);
        return -EINVAL;
    }
    g = &lx_gpios[gpio];
    f = ark_spin_lock_irqsave(&lx_gpio_lock);
    if (g->requested) {
        ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
        printk(KERN_ERR "gpio_request: gpio-%u (%s): busy, requested as '%s'\n", gpio,
               label ? label : "?", g->label);
        return -EBUSY;
    }
    g->requested = true;
    g->owner = LX_CALLER();
    strscpy(g->label, label ? label : "?", sizeof(g->label));
    ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
    return 0;
}
KERNEL_EXPORT(gpio_request);

static void lx_gpio_release(struct lx_gpio *g)
{
    unsigned long f = ark_spin_lock_irqsave(&lx_gpio_lock);

    g->requested = false;
    g->output = false;                 /* a freed line floats back to an input */
    g->value = false;
    g->owner = NULL;
    g->label[0] = '\0';
    ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
}

void gpio_free(unsigned int gpio)
{
    if (!gpio_is_valid((int)gpio) || !lx_gpios[gpio].requested) {
        printk(KERN_WARNING "gpio_free: gpio-%u is not requested\n", gpio);
        return;
    }
    lx_gpio_release(&lx_gpios[gpio]);
}
KERNEL_EXPORT(gpio_free);

int gpio_direction_input(unsigned int gpio)
{
    unsigned long f;

    if (!gpio_is_valid((int)gpio))
        return -EINVAL;
    f = ark_spin_lock_irqsave(&lx_gpio_lock);
    lx_gpios[gpio].output = false;
    ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
    return 0;
}
KERNEL_EXPORT(gpio_direction_input);

int gpio_direction_output(unsigned int gpio, int value)
{
    unsigned long f;

    if (!gpio_is_valid((int)gpio))
        return -EINVAL;
    f = ark_spin_lock_irqsave(&lx_gpio_lock);
    lx_gpios[gpio].output = true;
    lx_gpios[gpio].value = value != 0;
    ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
    return 0;
}
KERNEL_EXPORT(gpio_direction_output);

int gpio_get_value(unsigned int gpio)
{
    unsigned long f;
    int v;

    if (!gpio_is_valid((int)gpio))
        return 0;
    f = ark_spin_lock_irqsave(&lx_gpio_lock);
    v = lx_gpios[gpio].output ? lx_gpios[gpio].value : lx_gpios[gpio].level;
    ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
    return v;
}
KERNEL_EXPORT(gpio_get_value);

void gpio_set_value(unsigned int gpio, int value)
{
    unsigned long f;

    if (!gpio_is_valid((int)gpio))
        return;
    f = ark_spin_lock_irqsave(&lx_gpio_lock);
    if (lx_gpios[gpio].output)
        lx_gpios[gpio].value = value != 0;
    ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
}
KERNEL_EXPORT(gpio_set_value);

int gpio_to_irq(unsigned int gpio)
{
    return gpio_is_valid((int)gpio) ? ARK_IRQ_SOFT_BASE + (int)gpio : -EINVAL;
}
KERNEL_EXPORT(gpio_to_irq);

int gpio_request_one(unsigned int gpio, unsigned long flags, const char *label)
{
    int rc = gpio_request(gpio, label);

    if (rc)
        return rc;
    if (flags & GPIOF_DIR_IN)
        rc = gpio_direction_input(gpio);
    else
        rc = gpio_direction_output(gpio, (flags & GPIOF_INIT_HIGH) ? 1 : 0);
    if (rc)
        gpio_free(gpio);
    return rc;
}
KERNEL_EXPORT(gpio_request_one);

int gpio_request_array(const struct gpio *array, size_t num)
{
    for (size_t i = 0; i < num; i++) {
        int rc = gpio_request_one(array[i].gpio, array[i].flags, array[i].label);
        if (rc) {
            while (i--)
                gpio_free(array[i].gpio);
            return rc;
        }
    }
    return 0;
}
KERNEL_EXPORT(gpio_request_array);

void gpio_free_array(const struct gpio *array, size_t num)
{
    while (num--)
        gpio_free(array[num].gpio);
}
KERNEL_EXPORT(gpio_free_array);

/* ---- the outside world: /sys/kernel/debug/gpio-sim and /sys/kernel/debug/gpio ---- */

/* Sets what line n's outside level is; on an input, an edge its handlers want raises its line. */
static void lx_gpio_sim_set(unsigned int n, bool level)
{
    unsigned long f = ark_spin_lock_irqsave(&lx_gpio_lock);
    struct lx_gpio *g = &lx_gpios[n];
    bool edge = g->level != level, input = !g->output;
    unsigned long want;

    g->level = level;
    ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
    if (!edge || !input)
        return;
    want = lx_irq_triggers(ARK_IRQ_SOFT_BASE + n);
    if (!want)
        want = IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING;
    if ((level && (want & (IRQF_TRIGGER_RISING | IRQF_TRIGGER_HIGH))) ||
        (!level && (want & (IRQF_TRIGGER_FALLING | IRQF_TRIGGER_LOW))))
        (void)irq_soft_raise(ARK_IRQ_SOFT_BASE + (int)n);
}

/* Lines of "N LEVEL" (LEVEL 0/1, low/high); the first bad line ends the write with -EINVAL. */
static ssize_t lx_gpio_sim_write(struct file *file, const char __user *buf, size_t len,
                                 loff_t *ppos)
{
    char text[128], *p, *line;
    size_t n = min(len, sizeof(text) - 1);

    (void)file;
    (void)ppos;
    if (copy_from_user(text, buf, n))
        return -EFAULT;
    text[n] = '\0';
    p = text;
    while ((line = strsep(&p, "\n")) != NULL) {
        char *num = strsep(&line, " \t"), *lvl = line;
        unsigned int gpio;
        bool level;

        if (!*num && !lvl)
            continue;                  /* an empty line */
        if (kstrtouint(num, 10, &gpio) || !gpio_is_valid((int)gpio) || !lvl) {
            printk(KERN_ERR "gpio-sim: '%s': write \"N 0\" or \"N 1\", N from 0 to %d\n", num,
                   ARCH_NR_GPIOS - 1);
            return -EINVAL;
        }
        lvl = strim(lvl);
        if (!strcmp(lvl, "high"))
            level = true;
        else if (!strcmp(lvl, "low"))
            level = false;
        else if (kstrtobool(lvl, &level)) {
            printk(KERN_ERR "gpio-sim: gpio-%u: '%s' is not a level (0, 1, low, high)\n", gpio, lvl);
            return -EINVAL;
        }
        lx_gpio_sim_set(gpio, level);
    }
    return (ssize_t)len;
}

static const struct file_operations lx_gpio_sim_fops = {
    .write = lx_gpio_sim_write,
};

/* "gpio-N (LABEL) in|out hi|lo [IRQ]" for each requested line, and each input held high. */
static int lx_gpio_list_open(struct inode *inode, struct file *file)
{
    char *text = kmalloc(ARCH_NR_GPIOS * 64 + 64, GFP_KERNEL);
    size_t len;

    (void)inode;
    if (!text)
        return -ENOMEM;
    len = (size_t)scnprintf(text, 64, "gpiochip0: GPIOs 0-%d, ark-gpio-sim:\n", ARCH_NR_GPIOS - 1);
    for (unsigned int n = 0; n < ARCH_NR_GPIOS; n++) {
        struct lx_gpio g;
        unsigned long f = ark_spin_lock_irqsave(&lx_gpio_lock);
        g = lx_gpios[n];
        ark_spin_unlock_irqrestore(&lx_gpio_lock, f);
        if (!g.requested && !g.level)
            continue;
        len += (size_t)scnprintf(text + len, 64, " gpio-%-3u (%-20s) %s %s%s\n", n,
                                 g.requested ? g.label : "", g.output ? "out" : "in ",
                                 (g.output ? g.value : g.level) ? "hi" : "lo",
                                 lx_irq_requested(ARK_IRQ_SOFT_BASE + n) ? " IRQ" : "");
    }
    file->private_data = text;
    file->f_inode->i_size = (loff_t)len;
    return 0;
}

static ssize_t lx_gpio_list_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
    return simple_read_from_buffer(buf, len, ppos, file->private_data,
                                   strlen(file->private_data));
}

static int lx_gpio_list_release(struct inode *inode, struct file *file)
{
    (void)inode;
    kfree(file->private_data);
    return 0;
}

static const struct file_operations lx_gpio_list_fops = {
    .open = lx_gpio_list_open,
    .read = lx_gpio_list_read,
    .release = lx_gpio_list_release,
};

int lx_gpio_release_owned(struct kmod *m)
{
    int removed = 0;

    for (unsigned int n = 0; n < ARCH_NR_GPIOS; n++) {
        struct lx_gpio *g = &lx_gpios[n];
        if (!g->requested || g->owner != m)
            continue;
        printk(KERN_WARNING "dkm: %s: exit left gpio-%u (%s) requested; freed\n",
               lx_owner_name(m), n, g->label);
        lx_gpio_release(g);
        removed++;
    }
    return removed;
}

void lx_gpio_init(void)
{
    (void)debugfs_create_file("gpio", 0444, NULL, NULL, &lx_gpio_list_fops);
    (void)debugfs_create_file("gpio-sim", 0200, NULL, NULL, &lx_gpio_sim_fops);
}
