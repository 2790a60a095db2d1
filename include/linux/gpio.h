/* linux/gpio.h — the legacy GPIO number API over ark's simulated GPIO controller: 64 lines
 * (0-63) that drivers request, set as inputs or outputs, read and drive, with an interrupt line
 * each (gpio_to_irq) for request_irq with IRQF_TRIGGER_RISING/FALLING. There is no hardware
 * behind them: /sys/kernel/debug/gpio lists the lines, and writing "N 1" or "N 0" to
 * /sys/kernel/debug/gpio-sim sets what input N reads, as a button or sensor would, raising the
 * edge's interrupt. */
#ifndef _LINUX_GPIO_H
#define _LINUX_GPIO_H
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#define ARCH_NR_GPIOS 64

#define GPIOF_DIR_OUT       (0 << 0)
#define GPIOF_DIR_IN        (1 << 0)
#define GPIOF_INIT_LOW      (0 << 1)
#define GPIOF_INIT_HIGH     (1 << 1)
#define GPIOF_IN            (GPIOF_DIR_IN)
#define GPIOF_OUT_INIT_LOW  (GPIOF_DIR_OUT | GPIOF_INIT_LOW)
#define GPIOF_OUT_INIT_HIGH (GPIOF_DIR_OUT | GPIOF_INIT_HIGH)
#define GPIOF_ACTIVE_LOW    (1 << 2)
#define GPIOF_OPEN_DRAIN    (1 << 3)
#define GPIOF_OPEN_SOURCE   (1 << 4)
#define GPIOF_EXPORT        (1 << 5)

/* One line of gpio_request_array: its number, GPIOF_ flags and label. */
struct gpio {
    unsigned int gpio;
    unsigned long flags;
    const char *label;
};

static inline bool gpio_is_valid(int number)
{
    return number >= 0 && number < ARCH_NR_GPIOS;
}
/* 0, -EINVAL for no such line, -EBUSY when it is requested already (by label). */
int gpio_request(unsigned int gpio, const char *label);
/* gpio_request and the direction and initial level flags say. */
int gpio_request_one(unsigned int gpio, unsigned long flags, const char *label);
/* Each line, or none: on a failure the lines already requested are freed again. */
int gpio_request_array(const struct gpio *array, size_t num);
void gpio_free(unsigned int gpio);
/* The managed forms: the line is freed with the device's managed resources. */
struct device;
int devm_gpio_request(struct device *dev, unsigned int gpio, const char *label);
int devm_gpio_request_one(struct device *dev, unsigned int gpio, unsigned long flags, const char *label);
void gpio_free_array(const struct gpio *array, size_t num);
int gpio_direction_input(unsigned int gpio);
int gpio_direction_output(unsigned int gpio, int value);
/* An output's driven level, an input's outside level: 0 or 1 (0 for no such line). */
int gpio_get_value(unsigned int gpio);
/* Drives an output; ignored for an input, as the hardware would. */
void gpio_set_value(unsigned int gpio, int value);
#define gpio_get_value_cansleep gpio_get_value
#define gpio_set_value_cansleep gpio_set_value
static inline int gpio_cansleep(unsigned int gpio) { (void)gpio; return 0; }
/* The line's interrupt number for request_irq, or -EINVAL. */
int gpio_to_irq(unsigned int gpio);
/* The simulated lines switch cleanly: debouncing is accepted and changes nothing. */
static inline int gpio_set_debounce(unsigned int gpio, unsigned int debounce_us)
{
    (void)debounce_us;
    return gpio_is_valid((int)gpio) ? 0 : -EINVAL;
}
#endif
