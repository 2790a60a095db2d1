# plot.gp — latency plots for bench/run: ark, dlopen and the floor against relocations and imports.
# Called with csv, lookup and outdir set on the command line.
set datafile separator ","
set terminal pngcairo size 900,560 noenhanced
set logscale xy
set grid
set key top left
set ylabel "median latency (us)"

set output outdir."/latency-local-relocs.png"
set title "Load+link+unload, local relocations"
set xlabel "relocations"
plot csv using (strcol(1) eq "local" ? $3 : 1/0):($13/1000.0) with linespoints title "ark", \
     csv using (strcol(1) eq "local" ? $3 : 1/0):($17/1000.0) with linespoints title "dlopen+dlclose", \
     csv using (strcol(1) eq "local" ? $3 : 1/0):($19/1000.0) with linespoints title "floor"

set output outdir."/latency-symbolic-relocs.png"
set title "Load+link+unload, symbolic relocations (100 imports)"
plot csv using (strcol(1) eq "symbolic" ? $4 : 1/0):($13/1000.0) with linespoints title "ark", \
     csv using (strcol(1) eq "symbolic" ? $4 : 1/0):($17/1000.0) with linespoints title "dlopen+dlclose", \
     csv using (strcol(1) eq "symbolic" ? $4 : 1/0):($19/1000.0) with linespoints title "floor"

set output outdir."/latency-imports.png"
set title "Load+link+unload against imported symbols (64k exports, 1000 relocations)"
set xlabel "imported symbols"
plot csv using (strcol(1) eq "imports" ? $5 : 1/0):($13/1000.0) with linespoints title "ark", \
     csv using (strcol(1) eq "imports" ? $5 : 1/0):($17/1000.0) with linespoints title "dlopen+dlclose", \
     csv using (strcol(1) eq "imports" ? $5 : 1/0):($19/1000.0) with linespoints title "floor"

set output outdir."/lookup.png"
set title "Export lookup"
set xlabel "exports in the table"
set ylabel "median ns per lookup"
unset logscale y
set yrange [0:*]
plot lookup using 1:2 every ::1 with linespoints title "hit", \
     lookup using 1:3 every ::1 with linespoints title "miss"
