// PostgreSQL behind the store's SQL interface (libpq). `?` placeholders become $1, $2, ...;
// every value travels as text. A connection that drops is re-opened: a statement outside a
// transaction is run again (a few times, backing off), a transaction that lost its
// connection fails with a clear error (its caller may try the whole of it again).
#include <libpq-fe.h>

#include <chrono>
#include <thread>

#include "store/sql.h"
#include "store/store.h"

namespace signet::store::sql {

namespace {

constexpr int kReconnectAttempts = 6;  // waits 0.1, 0.2, 0.4, 0.8, 1.6 s between them

// postgresql://user:secret@host:port/db -> postgresql://user@host:port/db, for messages.
std::string without_password(const std::string& uri) {
  auto scheme = uri.find("://");
  auto at = uri.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return uri;
  auto colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon) + uri.substr(at);
}

std::string translate_placeholders(const std::string& sql, int* count) {
  std::string out;
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += "$" + std::to_string(++n);
    } else {
      out += c;
    }
  }
  *count = n;
  return out;
}

class PostgresConnection;

class PostgresStatement : public Statement {
 public:
  PostgresStatement(PostgresConnection& c, std::string sql, int params) : c_(c), sql_(std::move(sql)), values_(params), nulls_(params, true) {}
  ~PostgresStatement() override { clear(); }

  Statement& bind(int i, const std::string& v) override {
    slot(i) = v;
    nulls_[i - 1] = false;
    return *this;
  }
  Statement& bind(int i, std::int64_t v) override { return bind(i, std::to_string(v)); }
  Statement& bind_null(int i) override {
    slot(i).clear();
    nulls_[i - 1] = true;
    return *this;
  }
  bool step() override;
  std::string text(int col) const override {
    if (PQgetisnull(result_, row_, col)) return "";
    return std::string(PQgetvalue(result_, row_, col), PQgetlength(result_, row_, col));
  }
  std::int64_t integer(int col) const override {
    if (PQgetisnull(result_, row_, col)) return 0;
    return std::strtoll(PQgetvalue(result_, row_, col), nullptr, 10);
  }
  bool is_null(int col) const override { return PQgetisnull(result_, row_, col); }
  void reset() override {
    clear();
    for (std::size_t i = 0; i < nulls_.size(); ++i) nulls_[i] = true;
  }

 private:
  std::string& slot(int i) {
    if (i < 1 || i > static_cast<int>(values_.size()))
      throw StoreError("database: parameter " + std::to_string(i) + " of a statement with " + std::to_string(values_.size()) + ": " + sql_.substr(0, 200));
    return values_[i - 1];
  }
  void clear() {
    if (result_) PQclear(result_);
    result_ = nullptr;
    row_ = -1;
  }

  PostgresConnection& c_;
  std::string sql_;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PostgresConnection : public Connection {
 public:
  explicit PostgresConnection(std::string uri) : uri_(std::move(uri)) { connect(); }
  ~PostgresConnection() override {
    if (conn_) PQfinish(conn_);
  }

  Dialect dialect() const override { return Dialect::Postgres; }
  std::unique_ptr<Statement> prepare(const std::string& sql) override {
    int params = 0;
    std::string translated = translate_placeholders(sql, &params);
    return std::make_unique<PostgresStatement>(*this, std::move(translated), params);
  }
  void exec(const std::string& sql) override {
    PGresult* r = run([&] { return PQexec(conn_, sql.c_str()); }, sql);
    PQclear(r);
  }
  std::int64_t changes() const override { return changes_; }
  void begin() override {
    exec("BEGIN");
    in_transaction_ = true;
  }
  void commit() override {
    in_transaction_ = false;
    exec("COMMIT");
  }
  void rollback() noexcept override {
    in_transaction_ = false;
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
  }
  std::string describe() const override { return "PostgreSQL " + without_password(uri_); }

  // Runs `send` (which returns a result), re-opening a dropped connection; throws StoreError.
  template <typename Send>
  PGresult* run(Send send, const std::string& sql) {
    for (int attempt = 1;; ++attempt) {
      if (PQstatus(conn_) != CONNECTION_OK) {
        if (in_transaction_) {
          in_transaction_ = false;
          throw StoreError(describe() + ": the connection was lost in the middle of a transaction (nothing of it was saved)");
        }
        reconnect(attempt);
      }
      PGresult* r = send();
      ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        const char* tuples = PQcmdTuples(r);
        changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
        return r;
      }
      std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
      if (r) PQclear(r);
      if (PQstatus(conn_) != CONNECTION_OK && !in_transaction_ && attempt < kReconnectAttempts) continue;
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      throw StoreError("database (" + describe() + "): " + message + " in: " + sql.substr(0, 300));
    }
  }

 private:
  void connect() {
    conn_ = PQconnectdb(uri_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string why = PQerrorMessage(conn_);
      while (!why.empty() && why.back() == '\n') why.pop_back();
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreError("cannot open the database " + describe() + ": " + why);
    }
    // Quiet: the store's own CREATE IF NOT EXISTS notices are not news.
    PQclear(PQexec(conn_, "SET client_min_messages = warning"));
  }
  void reconnect(int attempt) {
    for (;; ++attempt) {
      PQreset(conn_);
      if (PQstatus(conn_) == CONNECTION_OK) {
        PQclear(PQexec(conn_, "SET client_min_messages = warning"));
        return;
      }
      if (attempt >= kReconnectAttempts) {
        std::string why = PQerrorMessage(conn_);
        while (!why.empty() && why.back() == '\n') why.pop_back();
        throw StoreError(describe() + ": the connection was lost and could not be re-opened after " + std::to_string(attempt) +
                         " tries: " + why);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100 << (attempt - 1)));
    }
  }

  std::string uri_;
  PGconn* conn_ = nullptr;
  std::int64_t changes_ = 0;
  bool in_transaction_ = false;
  friend class PostgresStatement;
};

bool PostgresStatement::step() {
  if (!result_) {
    std::vector<const char*> values(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) values[i] = nulls_[i] ? nullptr : values_[i].c_str();
    result_ = c_.run([&] { return PQexecParams(c_.conn_, sql_.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0); },
                     sql_);
    row_ = -1;
  }
  return ++row_ < PQntuples(result_);
}

}  // namespace

std::unique_ptr<Connection> open_postgres(const std::string& uri) { return std::make_unique<PostgresConnection>(uri); }

}  // namespace signet::store::sql
