#!/bin/sh
# Counts to the number on the first line of $1: about 2 s of one core for 2,000,000 in busybox sh.
read -r n < "$1"
i=0
while [ "$i" -lt "$n" ]; do i=$((i + 1)); done
echo "$1 $n $i"
