#!/bin/sh
echo "tool $VERSION"
