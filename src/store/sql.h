#pragma once
// The little the store needs of a SQL database, so one store serves SQLite and PostgreSQL:
// statements with `?` placeholders (each connection writes them its own way), rows read by
// column, transactions. Statements and connections are not thread-safe: the store guards them.
#include <cstdint>
#include <memory>
#include <string>

namespace signet::store::sql {

enum class Dialect { Sqlite, Postgres };

class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are numbered from 1, in the order their `?` appear.
  virtual Statement& bind(int index, const std::string& value) = 0;
  virtual Statement& bind(int index, std::int64_t value) = 0;
  virtual Statement& bind_null(int index) = 0;
  // Runs the statement (on the first call) and moves to its next row; false when there is none.
  virtual bool step() = 0;
  virtual std::string text(int column) const = 0;  // "" for NULL
  virtual std::int64_t integer(int column) const = 0;  // 0 for NULL
  virtual bool is_null(int column) const = 0;
  // Ready to be bound and run again.
  virtual void reset() = 0;

  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
  // Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Throws StoreError (store.h) saying what the database said, and the statement.
  virtual std::unique_ptr<Statement> prepare(const std::string& sql) = 0;
  // One or more statements without parameters (migrations).
  virtual void exec(const std::string& sql) = 0;
  // Rows changed by the last statement run.
  virtual std::int64_t changes() const = 0;
  virtual void begin() = 0;  // a write transaction
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // What the connection reaches, for messages ("SQLite /path/signet.db", "PostgreSQL db at host:port").
  virtual std::string describe() const = 0;
};

// A write transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    c_.commit();
    done_ = true;
  }
  ~Transaction() {
    if (!done_) c_.rollback();
  }

 private:
  Connection& c_;
  bool done_ = false;
};

std::unique_ptr<Connection> open_sqlite(const std::string& path);
// postgresql://[user[:password]@]host[:port]/database[?options] (libpq's connection URI).
std::unique_ptr<Connection> open_postgres(const std::string& uri);

}  // namespace signet::store::sql
