/* params-all.c — every module_param type, arrays, a string buffer, a renamed parameter and a
 * parameter with its own kernel_param_ops; each value is printed at init. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/stat.h>

static unsigned char mybyte = 'A';
static short myshort = -1;
static unsigned short myushort = 1;
static int myint = 420;
static unsigned int myuint = 7;
static long mylong = -9999;
static unsigned long myulong = 9999;
static char *mycharp = "blah";
static bool mybool = true;
static bool myinvbool = true;
static int myarray[4] = { 1, 2, 3, 4 };
static int myarray_count;
static char mystring[8] = "short";
static int internal_value = 5;
static int checked = 10;

module_param(mybyte, byte, 0444);
MODULE_PARM_DESC(mybyte, "A byte");
module_param(myshort, short, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP);
MODULE_PARM_DESC(myshort, "A short integer");
module_param(myushort, ushort, 0644);
module_param(myint, int, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
MODULE_PARM_DESC(myint, "An integer");
module_param(myuint, uint, 0444);
module_param(mylong, long, S_IRUSR);
MODULE_PARM_DESC(mylong, "A long integer");
module_param(myulong, ulong, 0444);
module_param(mycharp, charp, 0644);
MODULE_PARM_DESC(mycharp, "A character string");
module_param(mybool, bool, 0644);
module_param(myinvbool, invbool, 0444);
module_param_array(myarray, int, &myarray_count, 0444);
MODULE_PARM_DESC(myarray, "An array of integers");
module_param_string(mystring, mystring, sizeof(mystring), 0644);
module_param_named(renamed, internal_value, int, 0444);

/* A parameter that refuses values above 100, through its own operations. */
static int checked_set(const char *val, const struct kernel_param *kp)
{
    int v, err = kstrtoint(val, 10, &v);

    if (err)
        return err;
    if (v > 100)
        return -EINVAL;
    return param_set_int(val, kp);
}

static const struct kernel_param_ops checked_ops = {
    .set = checked_set,
    .get = param_get_int,
};
module_param_cb(checked, &checked_ops, &checked, 0644);
MODULE_PARM_DESC(checked, "At most 100");

static int __init params_init(void)
{
    int i;

    pr_info("params: mybyte=%c myshort=%hd myushort=%hu myint=%d myuint=%u\n", mybyte, myshort,
            myushort, myint, myuint);
    pr_info("params: mylong=%ld myulong=%lu mycharp=%s mybool=%d myinvbool=%d\n", mylong,
            myulong, mycharp, mybool, myinvbool);
    for (i = 0; i < myarray_count; i++)
        pr_info("params: myarray[%d]=%d\n", i, myarray[i]);
    pr_info("params: %d array values, mystring=%s renamed=%d checked=%d\n", myarray_count,
            mystring, internal_value, checked);
    return 0;
}

static void __exit params_exit(void)
{
    pr_info("params: exit with myint=%d mycharp=%s checked=%d\n", myint, mycharp, checked);
}

module_init(params_init);
module_exit(params_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("every parameter type");
