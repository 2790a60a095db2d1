/* linux/mod_devicetable.h — the device-id tables of the buses whose ids are plain names
 * (platform, i2c, spi). MODULE_DEVICE_TABLE(type, table) marks a table; the module index
 * (depmod, tools/mkindex) turns each entry into the alias "type:NAME", so request_module and
 * modprobe find the driver by the device it serves. Buses whose ids are numbers or strings the
 * index cannot decode (usb, pci, of, acpi, ...) are absent: such a table fails to compile. */
#if __STDC_HOSTED__ && !defined(__ARK_KERNEL__)
#include_next <linux/mod_devicetable.h>
#else
#ifndef _LINUX_MOD_DEVICETABLE_H
#define _LINUX_MOD_DEVICETABLE_H
#include <linux/types.h>

/* Pointer-sized: the index reads entries at this size (4 bytes on i386). */
typedef unsigned long kernel_ulong_t;

#define PLATFORM_NAME_SIZE 20
#define PLATFORM_MODULE_PREFIX "platform:"
struct platform_device_id {
    char name[PLATFORM_NAME_SIZE];
    kernel_ulong_t driver_data;
};

#define I2C_NAME_SIZE 20
#define I2C_MODULE_PREFIX "i2c:"
struct i2c_device_id {
    char name[I2C_NAME_SIZE];
    kernel_ulong_t driver_data;
};

#define SPI_NAME_SIZE 32
#define SPI_MODULE_PREFIX "spi:"
struct spi_device_id {
    char name[SPI_NAME_SIZE];
    kernel_ulong_t driver_data;
};

#endif
#endif
