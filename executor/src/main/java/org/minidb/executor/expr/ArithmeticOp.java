package org.minidb.executor.expr;

/** The binary arithmetic operators {@code + - * / %}. */
public enum ArithmeticOp { ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO }
