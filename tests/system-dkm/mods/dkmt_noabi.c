/* dkmt_noabi.c — a module built without ark's headers, so it has no ABI record: it loads, with a
 * warning in dmesg. */
int module_init(void)
{
    return 0;
}
