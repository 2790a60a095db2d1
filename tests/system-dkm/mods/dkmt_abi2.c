/* dkmt_abi2.c — claims to be built for ark ABI 2.0 (a future major version): refused. It does not
 * include ark/module.h, which would record the real ABI; the record is written by hand. */
static const char modinfo_name[] __attribute__((section(".modinfo"), used)) = "name=dkmt_abi2";
static const char modinfo_abi[] __attribute__((section(".modinfo"), used)) = "abi=2.0";

int module_init(void)
{
    return 0;
}
