/* seed.c — the original seed's module form: a plain module_init taking the API table. */
int module_init(const void *api)
{
    return api ? 0 : 1;
}
