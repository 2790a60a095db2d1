/* unres.c — two undefined symbols nothing provides: the error must name both. */
extern int foo(void);
extern int bar;

int module_init(void)
{
    return foo() + bar;
}
