/* hint_x86_64.c — a common mistake: a module compiled for x86_64 with the host's compiler. */
int module_init(void)
{
    return 0;
}
